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
const SCNN_FILE = 'x12/214-scnn-three-stops-one-line.edi';
const FIXTURES = [SWFT_FILE, KNXT_FILE, SCNN_FILE];

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

const scnn = (loop: string, kind: string, { id, ...data }: Record<string, unknown> & { id: string }) =>
  dispatchEnvelope({
    id,
    kind,
    subject: 'SHP-6f2a9c41',
    correlationId: CORRELATION,
    data: { ...data, source: 'x12:SCNN', vendorEventId: `52210-0001-${loop}` },
  });

/**
 * SCNN's 214, one line without breaks: a three-stop load whose loops number their stops (L11 QN). The third loop
 * holds two AT7s, a position (X6) and an ETA (AG): no events. Local times (LT) follow the state in MS1.
 */
const SCNN_EVENTS = [
  scnn('1', 'arrived_stop', {
    id: '631ab4fa-49b0-5b04-80d1-d4e77787a572',
    stopSequence: 1,
    occurredAt: '2026-12-15T12:40:00Z',
  }),
  scnn('2', 'departed_origin', {
    id: 'f946b05f-3717-591f-9289-04a02c46b335',
    occurredAt: '2026-12-15T15:15:00Z',
  }),
  scnn('4', 'arrived_stop', {
    id: '86abd2cf-0fc2-5791-9633-e74ab69ba9a5',
    stopSequence: 2,
    occurredAt: '2026-12-15T19:52:00Z',
  }),
  scnn('5', 'departed_stop', {
    id: 'deb91c35-d099-589e-ba2a-bf147150c2b5',
    stopSequence: 2,
    occurredAt: '2026-12-15T21:10:00Z',
  }),
  scnn('6', 'exception_raised', {
    id: 'afdd4c40-2ae4-50f0-b0d9-eb13070c151c',
    code: 'SD',
    reason: 'Mechanical breakdown (AI)',
    occurredAt: '2026-12-15T23:05:00Z',
  }),
  scnn('7', 'arrived_stop', {
    id: 'fde31396-0150-5768-a343-f927ee8f1334',
    stopSequence: 3,
    occurredAt: '2026-12-16T12:25:00Z',
  }),
  scnn('8', 'delivered', { id: '734bf307-c62f-5fdf-9949-16f9ea2b2960', occurredAt: '2026-12-16T14:50:00Z' }),
  scnn('9', 'departed_stop', {
    id: 'b60cba46-5070-5241-9cd5-2224728f4ba1',
    stopSequence: 3,
    occurredAt: '2026-12-16T15:20:00Z',
  }),
];

function parse(edi: string): X12Interchange {
  return new X12Parser(true).parse(edi) as X12Interchange;
}

/** What a 997 says of each functional group: AK1 (the group acknowledged), AK2/AK5 per set, and the AK9 counts. */
function acknowledgementOf(edi: string) {
  return parse(edi).functionalGroups.map((group) => {
    const [transaction] = group.transactions;
    const elements = (tag: string) =>
      transaction.segments
        .filter((segment) => segment.tag === tag)
        .map((segment) => segment.elements.map((e) => e.value));
    const [ak9] = elements('AK9');

    return {
      set: transaction.header.valueOf(1),
      ak1: elements('AK1')[0],
      sets: elements('AK2').map((ak2, index) => ({ set: ak2.join('*'), status: elements('AK5')[index][0] })),
      ak9: {
        status: ak9[0],
        included: Number(ak9[1]),
        received: Number(ak9[2]),
        accepted: Number(ak9[3]),
        rejected: Number(ak9[2]) - Number(ak9[3]),
      },
    };
  });
}

function at7Codes(edi: string): string[] {
  return parse(edi).functionalGroups.flatMap((group) =>
    group.transactions.flatMap((transaction) =>
      transaction.segments.filter((segment) => segment.tag === 'AT7').map((segment) => segment.valueOf(1) ?? ''),
    ),
  );
}

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

  describe('fixtures', () => {
    it('carry the AT7 statuses carriers send most, each at least once', () => {
      const sent = new Set(FIXTURES.flatMap((file) => at7Codes(fixture(file))));

      for (const code of ['X3', 'AF', 'X6', 'AG', 'X1', 'D1', 'CD', 'SD', 'A3', 'A7', 'CA']) {
        expect(sent, code).toContain(code);
      }
    });
  });

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

    it('reads a one-line interchange of a three-stop load, with two statuses in one loop', async () => {
      const response = await post(fixture(SCNN_FILE));

      expect(response.status).toBe(200);
      expect(acknowledgementOf(response.text)).toEqual([
        {
          set: '997',
          ak1: ['QM', '52210'],
          sets: [{ set: '214*0001', status: 'A' }],
          ak9: { status: 'A', included: 1, received: 1, accepted: 1, rejected: 0 },
        },
      ]);
      expect(await outboxEvents(app, ['SHP-6f2a9c41'])).toEqual(SCNN_EVENTS);
    });

    it('acknowledges each group of the SWFT interchange with counts that match its sets', async () => {
      const [group] = acknowledgementOf((await post(fixture(SWFT_FILE))).text);

      expect(group.ak1).toEqual(['QM', '4127']);
      expect(group.sets).toEqual([
        { set: '214*0001', status: 'A' },
        { set: '214*0002', status: 'A' },
      ]);
      expect(group.ak9).toEqual({ status: 'A', included: 2, received: 2, accepted: 2, rejected: 0 });
    });

    it('reads an interchange with CRLF after each segment', async () => {
      const response = await post(fixture(KNXT_FILE).replaceAll('~\n', '~\r\n'));

      expect(response.status).toBe(200);
      expect(acknowledgementOf(response.text)[0].ak9.accepted).toBe(1);
      expect(await outboxEvents(app, ['SHP-9a4410c2'])).toEqual(KNXT_EVENTS);
    });

    it('appends nothing when the carrier resends the same statuses in a new interchange', async () => {
      const resent = fixture(SWFT_FILE)
        .replace('*000004127*', '*000004131*')
        .replace('IEA*1*000004127', 'IEA*1*000004131')
        .replace('*4127*X*004010', '*4131*X*004010')
        .replace('GE*2*4127', 'GE*2*4131');
      const response = await post(resent);

      expect(response.status).toBe(200);
      expect(acknowledgementOf(response.text)[0].ak1).toEqual(['QM', '4131']);
      expect(await outboxEvents(app, ['SHP-7c1e4a90', 'SHP-2f9d0b33'])).toEqual(SWFT_EVENTS);
    });

    const moreStatuses: [string, string, Record<string, unknown> | undefined][] = [
      ['CP', 'AT7*CP*NS***20261210*0905*PT', undefined],
      ['an appointment only (AT703)', 'AT7***AA*AB*20261210*0905*PT', undefined],
      ['AH', 'AT7*AH*B1***20261210*0905*PT', { code: 'AH', reason: 'Consignee closed (B1)' }],
      ['A9', 'AT7*A9*NS***20261210*0905*PT', { code: 'A9', reason: 'Shipment damaged' }],
    ];

    it.each(moreStatuses)('maps %s as its table row says', async (_code, at7, exception) => {
      const shipmentId = `SHP-knxt-${at7.split('*')[1] || 'appointment'}`;
      const edi = fixture(KNXT_FILE)
        .replace('L11*SHP-9a4410c2*SI', `L11*${shipmentId}*SI`)
        .replace(/AT7\*A3\*NS[^~]*/, at7);
      const response = await post(edi);
      const events = await outboxEvents(app, [shipmentId]);

      expect(response.status).toBe(200);
      expect(events.map((event) => event.type)).toEqual([
        'lanegate.dispatch.exception_raised.v1',
        ...(exception ? ['lanegate.dispatch.exception_raised.v1'] : []),
      ]);
      if (exception) {
        expect(events[1].data).toEqual({
          ...exception,
          occurredAt: '2026-12-10T17:05:00Z',
          source: 'x12:KNXT',
          vendorEventId: '311-0001-3',
        });
      }
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
      [
        'an ISA sender id not padded to 15 characters',
        (edi) => edi.replace('*02*SWFT           *', '*02*SWFT*'),
        { segment: 'ISA', element: 'ISA06' },
      ],
      [
        'an ISA control number of ten digits',
        (edi) => edi.replace('*000004127*0*P*', '*0000004127*0*P*'),
        { segment: 'ISA', element: 'ISA13' },
      ],
      [
        'an SE control number unlike ST02',
        (edi) => edi.replace('SE*6*0002', 'SE*6*0003'),
        { segment: 'SE', element: 'SE02' },
      ],
      ['a wrong set count in GE01', (edi) => edi.replace('GE*2*4127', 'GE*3*4127'), { segment: 'GE', element: 'GE01' }],
      ['a wrong group count in IEA01', (edi) => edi.replace('IEA*1*', 'IEA*2*'), { segment: 'IEA', element: 'IEA01' }],
      ['a transaction set without SE', (edi) => withoutSegment(edi, 'SE*6*0002'), { segment: 'SE' }],
      ['a transaction set without ST', (edi) => withoutSegment(edi, 'ST*214*0002'), { segment: 'ST' }],
      ['an interchange without GS', (edi) => edi.replace(/GS\*QM[^~]*~\n/, ''), { segment: 'GS' }],
      [
        'an AT7 without its date',
        (edi) => edi.replace('AT7*X1*NS***20261208*0712*LT', 'AT7*X1*NS****0712*LT'),
        { segment: 'AT7', element: 'AT705' },
      ],
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
