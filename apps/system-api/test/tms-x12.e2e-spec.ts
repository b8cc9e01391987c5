import { X12Parser, type X12Interchange, type X12Segment } from 'node-x12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import {
  dispatchEnvelope,
  fixture,
  outboxEvents,
  postSigned,
  rawMessage,
  startTmsApp,
  TEST_SECRETS,
  type TmsResponse,
} from './tms-testing.js';

const ROUTE = '/system/v1/tms/x12';
const CORRELATION = 'x12-214-e2e';
const SWFT_FILE = 'x12/214-swft-two-shipments.edi';
const KNXT_FILE = 'x12/214-knxt-refused-and-returned.edi';

const swft = (id: string, kind: string, subject: string, vendorEventId: string, extra: Record<string, unknown>) =>
  dispatchEnvelope({
    id,
    kind,
    subject,
    correlationId: CORRELATION,
    data: { ...extra, source: 'x12:SWFT', vendorEventId },
  });

/** SWFT's 214: seven LX loops for one load (X6 is a position update: no event) and a cancellation of another. */
const SWFT_EVENTS = [
  swft('0e892b7d-7d37-5175-9f34-59417a6800ff', 'arrived_stop', 'SHP-7c1e4a90', '4127-0001-1', {
    stopSequence: 1,
    occurredAt: '2026-12-07T14:05:00Z',
  }),
  swft('7081f2d5-81aa-5dfa-a0f8-1bb9f86b101d', 'departed_origin', 'SHP-7c1e4a90', '4127-0001-2', {
    occurredAt: '2026-12-07T16:10:00Z',
  }),
  swft('55a3359b-01e3-575d-8893-142db02380d3', 'exception_raised', 'SHP-7c1e4a90', '4127-0001-4', {
    code: 'SD',
    reason: 'Weather or natural disaster related (AO)',
    occurredAt: '2026-12-07T21:30:00Z',
  }),
  swft('6c9ab004-3495-5d57-b039-5e4e73e14f28', 'arrived_stop', 'SHP-7c1e4a90', '4127-0001-5', {
    stopSequence: 2,
    occurredAt: '2026-12-08T12:12:00Z',
  }),
  swft('089aa095-24d5-5732-8d90-8354f41364d2', 'delivered', 'SHP-7c1e4a90', '4127-0001-6', {
    occurredAt: '2026-12-08T14:15:00Z',
  }),
  swft('1391feb5-5c74-5c3f-948c-82d006807d9b', 'departed_stop', 'SHP-7c1e4a90', '4127-0001-7', {
    stopSequence: 2,
    occurredAt: '2026-12-08T15:30:00Z',
  }),
  swft('8d6b2ef0-72c8-5e4f-860f-c9b7c1bd845f', 'cancelled', 'SHP-2f9d0b33', '4127-0002-1', {
    reason: 'Held per shipper (BB)',
    occurredAt: '2026-12-07T17:30:00Z',
  }),
];

/** KNXT's 214 names the load in L11*...*SI only; AG (estimated delivery) is an ETA: no event. */
const KNXT_EVENTS = [
  dispatchEnvelope({
    id: '0a0d182d-864f-5e0c-a7c2-7055d555f7e9',
    kind: 'exception_raised',
    subject: 'SHP-9a4410c2',
    correlationId: CORRELATION,
    data: {
      code: 'A7',
      reason: 'Consignee related (AG)',
      occurredAt: '2026-12-10T01:12:00Z',
      source: 'x12:KNXT',
      vendorEventId: '311-0001-2',
    },
  }),
  dispatchEnvelope({
    id: '1298b65e-919b-5fc1-8d5c-41de215bc452',
    kind: 'exception_raised',
    subject: 'SHP-9a4410c2',
    correlationId: CORRELATION,
    data: {
      code: 'A3',
      reason: 'Shipment returned to shipper',
      occurredAt: '2026-12-10T17:05:00Z',
      source: 'x12:KNXT',
      vendorEventId: '311-0001-3',
    },
  }),
];

function segments(interchange: X12Interchange): string[] {
  const text = (segment: X12Segment): string =>
    [segment.tag, ...segment.elements.map((element) => element.value)].join('*');

  return interchange.functionalGroups.flatMap((group) => [
    text(group.header),
    ...group.transactions.flatMap((transaction) => [
      text(transaction.header),
      ...transaction.segments.map(text),
      text(transaction.trailer),
    ]),
    text(group.trailer),
  ]);
}

describe('POST /system/v1/tms/x12', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTmsApp();
  });

  afterAll(async () => {
    await app?.dispose();
  });

  const post = (body: string, contentType = 'application/edi-x12'): Promise<TmsResponse> =>
    postSigned(app, ROUTE, { body, secret: TEST_SECRETS.x12, contentType, correlationId: CORRELATION });

  describe('success', () => {
    it('answers a 997 accepting both transaction sets and appends the events of every LX loop', async () => {
      const response = await post(fixture(SWFT_FILE));

      expect(response.status).toBe(200);
      expect(response.contentType).toContain('application/edi-x12');
      const acknowledgement = new X12Parser(true).parse(response.text) as X12Interchange;
      const isa = acknowledgement.header.elements.map((element) => element.value.trim());
      expect(isa.slice(4, 8)).toEqual(['ZZ', 'LANEGATE', '02', 'SWFT']);
      expect(isa[12]).toBe('4127');
      expect(segments(acknowledgement)).toEqual([
        expect.stringMatching(/^GS\*FA\*LANEGATE\*SWFT\*\d{8}\*\d{4}\*4127\*X\*004010$/),
        'ST*997*0001',
        'AK1*QM*4127',
        'AK2*214*0001',
        'AK5*A',
        'AK2*214*0002',
        'AK5*A',
        'AK9*A*2*2*2',
        'SE*8*0001',
        'GE*1*4127',
      ]);
      expect(await outboxEvents(app, ['SHP-7c1e4a90', 'SHP-2f9d0b33'])).toEqual(SWFT_EVENTS);
    });

    it('reads a 214 sent as text/plain that names its load in L11 SI, at local times of the stop', async () => {
      const response = await post(fixture(KNXT_FILE), 'text/plain');

      expect(response.status).toBe(200);
      expect(response.text).toContain('AK9*A*1*1*1~');
      expect(await outboxEvents(app, ['SHP-9a4410c2'])).toEqual(KNXT_EVENTS);
    });

    it('answers a redelivered interchange with the 997 again and appends nothing', async () => {
      const response = await post(fixture(SWFT_FILE));

      expect(response.status).toBe(200);
      expect(response.text).toContain('AK9*A*2*2*2~');
      expect(await outboxEvents(app, ['SHP-7c1e4a90', 'SHP-2f9d0b33'])).toHaveLength(SWFT_EVENTS.length);
    });
  });

  describe('failure', () => {
    const malformed: [string, (edi: string) => string, { segment: string; element?: string }][] = [
      [
        'a wrong segment count in SE01',
        (edi) => edi.replace('SE*6*0002', 'SE*7*0002'),
        { segment: 'SE', element: 'SE01' },
      ],
      [
        'a GE control number unlike GS06',
        (edi) => edi.replace('GE*2*4127', 'GE*2*4128'),
        { segment: 'GE', element: 'GE02' },
      ],
      [
        'an impossible AT705 date',
        (edi) => edi.replace('20261208*0712', '20261308*0712'),
        { segment: 'AT7', element: 'AT705' },
      ],
      ['an unknown AT707 time code', (edi) => edi.replace('1630*ET', '1630*XX'), { segment: 'AT7', element: 'AT707' }],
      [
        'a transaction set without B10',
        (edi) => withoutSegment(edi, 'B10*PRO778901*SHP-2f9d0b33*SWFT'),
        { segment: 'B10' },
      ],
      ['a missing IEA trailer', (edi) => edi.slice(0, edi.indexOf('IEA*')), { segment: 'IEA' }],
    ];

    it.each(malformed)(
      'answers 400 naming the segment and element of %s, and keeps the message',
      async (_case, mutate, where) => {
        const response = await post(mutate(fixture(SWFT_FILE)));

        expect(response.status).toBe(400);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.body).toMatchObject({ code: 'X12_MALFORMED', ...where, rawMessageId: expect.any(String) });
        expect(response.body.element).toBe(where.element);
        expect(await rawMessage(app, response.body.rawMessageId as string)).toMatchObject({ status: 'rejected' });
      },
    );

    it('answers 422 naming an AT7 status code the table does not map', async () => {
      const response = await post(fixture(KNXT_FILE).replace('AT7*A3*NS', 'AT7*P1*NS'));

      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'VENDOR_STATUS_UNKNOWN', vendor: 'x12', unknownStatuses: ['P1'] });
      expect(response.body.detail).toContain("'P1' at ST 0001, LX 3");
    });

    it('answers 400 to a signed body that is not an interchange media type', async () => {
      const response = await post('{"interchange": "ISA*00*..."}', 'application/json');

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'X12_MALFORMED', segment: 'ISA' });
    });
  });
});

/** Removes one segment and corrects its transaction set's SE01, so that only the missing segment is wrong. */
function withoutSegment(edi: string, segment: string): string {
  return edi.replace(`${segment}~\n`, '').replace('SE*6*0002', 'SE*5*0002');
}
