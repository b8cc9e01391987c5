import { readFileSync } from 'node:fs';

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import type { TestApp } from '@lanegate/platform/testing';

import { dispatchEventId } from '../src/tms/mapping/dispatch-event.mapper.js';
import { NMFTA_EVENT_TYPES, OFF_ROUTE } from '../src/tms/nmfta/nmfta-status.mapping.js';
import {
  dispatchEnvelope,
  fixture,
  outboxEvents,
  postSigned,
  rawMessage,
  signatureHeaders,
  startTmsApp,
  TEST_SECRETS,
} from './tms-testing.js';

const ROUTE = '/system/v1/tms/webhooks/nmfta';
const CORRELATION = 'nmfta-batch-e2e';
const DELIVERED_LOAD = 'SHP-7c1e4a90';
const CANCELLED_LOAD = 'SHP-2f9d0b33';

/** What the two-shipment batch must become: every mapped type, in batch order; IN_TRANSIT becomes nothing. */
const EXPECTED_EVENTS = [
  dispatchEnvelope({
    id: '5431cc81-d046-5c98-80b4-77a10493007b',
    kind: 'departed_origin',
    subject: DELIVERED_LOAD,
    correlationId: CORRELATION,
    sequence: 1,
    data: { occurredAt: '2026-12-07T14:42:00Z', source: 'nmfta:SWFT', vendorEventId: '01JEQ6A1Y8K2M3N4P5Q6R7S8T1' },
  }),
  dispatchEnvelope({
    id: '17c307ab-79c4-56b1-8d60-7118fffb5be2',
    kind: 'exception_raised',
    subject: DELIVERED_LOAD,
    correlationId: CORRELATION,
    sequence: 3,
    data: {
      code: 'SD',
      reason: 'Snow on I-70 near Richmond IN; ETA plus 3 hours',
      occurredAt: '2026-12-07T21:30:00Z',
      source: 'nmfta:SWFT',
      vendorEventId: '01JEQ6A1Y8K2M3N4P5Q6R7S8T3',
    },
  }),
  dispatchEnvelope({
    id: '37779c8d-2bf4-5c6d-95a1-235f41c67a09',
    kind: 'arrived_stop',
    subject: DELIVERED_LOAD,
    correlationId: CORRELATION,
    sequence: 4,
    data: {
      stopSequence: 2,
      occurredAt: '2026-12-08T12:12:00Z',
      source: 'nmfta:SWFT',
      vendorEventId: '01JEQ6A1Y8K2M3N4P5Q6R7S8T4',
    },
  }),
  dispatchEnvelope({
    id: '6c325c7f-2bed-5b96-a2df-6939db539f9d',
    kind: 'exception_raised',
    subject: DELIVERED_LOAD,
    correlationId: CORRELATION,
    sequence: 5,
    data: {
      code: 'A9',
      reason: 'Two pallets crushed, noted on the delivery receipt',
      occurredAt: '2026-12-08T12:40:00Z',
      source: 'nmfta:SWFT',
      vendorEventId: '01JEQ6A1Y8K2M3N4P5Q6R7S8T5',
    },
  }),
  dispatchEnvelope({
    id: '59ea39af-a8e7-584b-9c6a-242c230a3eea',
    kind: 'delivered',
    subject: DELIVERED_LOAD,
    correlationId: CORRELATION,
    sequence: 6,
    data: { occurredAt: '2026-12-08T14:15:00Z', source: 'nmfta:SWFT', vendorEventId: '01JEQ6A1Y8K2M3N4P5Q6R7S8T6' },
  }),
  dispatchEnvelope({
    id: 'fdf4a2c4-2294-5ac6-a7f8-8dd242393eca',
    kind: 'pod_captured',
    subject: DELIVERED_LOAD,
    correlationId: CORRELATION,
    sequence: 7,
    data: {
      capturedAt: '2026-12-08T14:35:00Z',
      signedBy: 'R. Alvarez',
      documentUrl: 'https://docs.swift.example/pod/778812.pdf',
      occurredAt: '2026-12-08T14:35:00Z',
      source: 'nmfta:SWFT',
      vendorEventId: '01JEQ6A1Y8K2M3N4P5Q6R7S8T7',
    },
  }),
  dispatchEnvelope({
    id: 'feba44b1-541a-53e0-bb6f-f5b5f8b3e471',
    kind: 'cancelled',
    subject: CANCELLED_LOAD,
    correlationId: CORRELATION,
    sequence: 1,
    data: {
      reason: 'Shipper withdrew the load before pickup',
      occurredAt: '2026-12-07T17:30:00Z',
      source: 'nmfta:SWFT',
      vendorEventId: '01JEQ6B9C2D3E4F5G6H7J8K9M1',
    },
  }),
];

const CROSS_BORDER_FILE = 'nmfta/event-batch-cross-border-off-route.json';
const CROSS_BORDER_LOAD = 'SHP-5b7e1d22';
const HJBT_EVENT = '01JF2K7QZX8M4N6P2R5T9VW0';

const hjbt = (sequence: number, kind: string, data: Record<string, unknown>) => {
  const vendorEventId = `${HJBT_EVENT}${String(sequence).padStart(2, '0')}`;

  return dispatchEnvelope({
    id: dispatchEventId('nmfta', vendorEventId),
    kind,
    subject: CROSS_BORDER_LOAD,
    correlationId: CORRELATION,
    sequence,
    data: { ...data, source: 'nmfta:HJBT', vendorEventId },
  });
};

/**
 * The cross-border batch: twelve events, five of them no event (the appointment, the stop at the carrier's own yard
 * and the departure from it, the position update and the seal check under OTHER). Times are in UTC whatever offset
 * the carrier sent; the exception codes are the carrier's own, else the type's.
 */
const CROSS_BORDER_EVENTS = [
  hjbt(2, 'exception_raised', {
    code: 'PICKUP_ATTEMPTED',
    reason: 'Shipper not ready; load not built, driver told to return at 13:00',
    occurredAt: '2026-12-14T13:25:00Z',
  }),
  hjbt(3, 'departed_origin', { occurredAt: '2026-12-14T18:48:00Z' }),
  hjbt(5, 'exception_raised', {
    code: 'CUSTOMS_HOLD',
    reason: 'CBP exam: commercial invoice missing HS codes',
    occurredAt: '2026-12-15T00:10:00Z',
  }),
  hjbt(6, 'exception_cleared', {
    code: 'CUSTOMS_HOLD',
    resolution: 'Corrected invoice filed by the broker; released',
    occurredAt: '2026-12-15T03:35:00Z',
  }),
  hjbt(9, 'exception_raised', {
    code: 'AH',
    reason: 'Consignee receiving closed until 07:00',
    occurredAt: '2026-12-15T11:10:00Z',
  }),
  hjbt(10, 'arrived_stop', { stopSequence: 2, occurredAt: '2026-12-15T11:58:00Z' }),
  hjbt(11, 'departed_stop', { stopSequence: 2, occurredAt: '2026-12-15T14:40:00Z' }),
];

const FIXTURES = ['nmfta/event-batch-two-shipments.json', CROSS_BORDER_FILE];

type Batch = { deliveryId: string; sentAt: string; events: Record<string, any>[] };

function batch(file = FIXTURES[0]): Batch {
  return JSON.parse(fixture(file)) as Batch;
}

/**
 * The standard's own `EventBatch` schema, compiled here apart from the adapter's validator, so that a fixture is
 * checked against the standard and not against the code under test.
 */
function standardEventBatchSchema() {
  const document = parse(readFileSync(new URL('../src/tms/nmfta/schemas.yaml', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(document, 'nmfta-itv');

  return ajv.getSchema('nmfta-itv#/components/schemas/EventBatch')!;
}

describe('POST /system/v1/tms/webhooks/nmfta', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTmsApp();
  });

  afterAll(async () => {
    await app?.dispose();
  });

  const post = (body: string, correlationId?: string) =>
    postSigned(app, ROUTE, { body, secret: TEST_SECRETS.nmfta, correlationId });

  describe('fixtures', () => {
    const validate = standardEventBatchSchema();

    it.each(FIXTURES)("%s is an EventBatch by the standard's own schema", (file) => {
      const valid = validate(batch(file));

      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('cover every event type the truckload table knows, and only types the standard defines', () => {
      const sent = new Set(FIXTURES.flatMap((file) => batch(file).events.map((event) => event.type as string)));
      const mapped = new Set(Object.keys(NMFTA_EVENT_TYPES).map((key) => key.replace(OFF_ROUTE, '')));

      expect([...sent].sort()).toEqual([...mapped].sort());
      expect(validate({ ...batch(), events: [{ ...batch().events[0], type: 'ARRIVED_AT_STOP' }] })).toBe(false);
    });
  });

  describe('success', () => {
    it('stores an EventBatch and appends one canonical event per mapped event, in batch order', async () => {
      const body = fixture('nmfta/event-batch-two-shipments.json');
      const response = await post(body, CORRELATION);
      const receipt = response.body;

      expect(response.status).toBe(202);
      expect(receipt).toEqual({
        messageId: expect.any(String),
        vendor: 'nmfta',
        status: 'accepted',
        events: { appended: 7, duplicates: 0, ignored: 1 },
      });
      expect(await outboxEvents(app, [DELIVERED_LOAD, CANCELLED_LOAD])).toEqual(EXPECTED_EVENTS);

      const stored = await rawMessage(app, receipt.messageId);
      expect(stored).toMatchObject({
        vendor: 'nmfta',
        status: 'accepted',
        deliveryId: 'dlv-swft-20261208-000042',
        body,
        error: null,
        eventsAppended: 7,
        correlationId: CORRELATION,
      });
      expect(JSON.parse(stored!.headers)).toMatchObject({ 'content-type': 'application/json' });
    });

    it('maps pickup attempts, customs, delivery attempts and stop moves, and no event for moves off the route', async () => {
      const response = await post(fixture(CROSS_BORDER_FILE), CORRELATION);

      expect(response.status).toBe(202);
      expect(response.body.events).toEqual({ appended: 7, duplicates: 0, ignored: 5 });
      expect(await outboxEvents(app, [CROSS_BORDER_LOAD])).toEqual(CROSS_BORDER_EVENTS);
      expect(await rawMessage(app, response.body.messageId as string)).toMatchObject({
        deliveryId: 'dlv-hjbt-20261215-0007',
        eventsAppended: 7,
      });
    });

    it('acknowledges a redelivered batch under a new webhook-id without a second event', async () => {
      const response = await post(fixture('nmfta/event-batch-two-shipments.json'));

      expect(response.status).toBe(202);
      expect(response.body.events).toEqual({ appended: 0, duplicates: 7, ignored: 1 });
      expect(await outboxEvents(app, [DELIVERED_LOAD, CANCELLED_LOAD])).toHaveLength(7);
    });

    it('places an arrival on the stop the carrier numbers in attributes.stopSequence', async () => {
      const multiStop = batch();
      multiStop.events = [
        {
          ...multiStop.events[3],
          eventId: '01JEQ9MULTISTOP0000000003',
          location: { locationId: 'IND-XD-02', name: 'Indy cross-dock', type: 'FACILITY' },
          attributes: { stopSequence: 3 },
          shipment: { ...multiStop.events[3].shipment, shipmentId: 'SHP-m3' },
        },
      ];
      const response = await post(JSON.stringify(multiStop));
      const [event] = await outboxEvents(app, ['SHP-m3']);

      expect(response.status).toBe(202);
      expect((event.data as Record<string, unknown>).stopSequence).toBe(3);
    });

    it('keeps each event its own sequence when the batch lists them out of order', async () => {
      const shuffled = batch(CROSS_BORDER_FILE);
      const rename = (event: Record<string, any>) => ({
        ...event,
        eventId: `shuffled-${event.eventId as string}`,
        shipment: { ...event.shipment, shipmentId: 'SHP-shuffled' },
      });
      shuffled.events = [shuffled.events[10], shuffled.events[2], shuffled.events[9]].map(rename);
      const response = await post(JSON.stringify(shuffled));
      const events = await outboxEvents(app, ['SHP-shuffled']);

      expect(response.status).toBe(202);
      expect(events.map((event) => [event.type, event.sequence])).toEqual([
        ['lanegate.dispatch.departed_stop.v1', 11],
        ['lanegate.dispatch.departed_origin.v1', 3],
        ['lanegate.dispatch.arrived_stop.v1', 10],
      ]);
    });

    it('appends an event once when its eventId comes again in another delivery, beside a new one', async () => {
      const later = batch(CROSS_BORDER_FILE);
      const delivered = {
        ...later.events[10],
        eventId: `${HJBT_EVENT}13`,
        type: 'DELIVERED',
        status: 'D1',
        occurredAt: '2026-12-15T09:20:00-05:00',
        sequence: 13,
      };
      later.deliveryId = 'dlv-hjbt-20261215-0008';
      later.events = [later.events[9], delivered];
      const response = await post(JSON.stringify(later), CORRELATION);

      expect(response.status).toBe(202);
      expect(response.body.events).toEqual({ appended: 1, duplicates: 1, ignored: 0 });
      expect(await outboxEvents(app, [CROSS_BORDER_LOAD])).toEqual([
        ...CROSS_BORDER_EVENTS,
        hjbt(13, 'delivered', { occurredAt: '2026-12-15T14:20:00Z' }),
      ]);
    });

    it('answers a retry under the same webhook-id as a duplicate without reading it again', async () => {
      const body = JSON.stringify({ ...batch(), deliveryId: 'dlv-swft-retry' });
      const headers = signatureHeaders({ secret: TEST_SECRETS.nmfta, body });
      const first = await postSigned(app, ROUTE, { body, secret: TEST_SECRETS.nmfta, headers });
      const retry = await postSigned(app, ROUTE, { body, secret: TEST_SECRETS.nmfta, headers });

      expect(first.body.status).toBe('accepted');
      expect(retry.status).toBe(202);
      expect(retry.body).toEqual({
        messageId: first.body.messageId,
        vendor: 'nmfta',
        status: 'duplicate',
        events: { appended: 0, duplicates: 0, ignored: 0 },
      });
    });
  });

  describe('failure', () => {
    it('answers 400 naming each field that breaks the standard schema, and keeps the message', async () => {
      const broken = batch() as Partial<Batch>;
      delete broken.deliveryId;
      broken.events![0].type = 'TELEPORTED';
      broken.events![1].sequence = -1;
      const response = await post(JSON.stringify(broken));

      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.code).toBe('VENDOR_MESSAGE_INVALID');
      expect(response.body.errors).toEqual([
        { field: 'deliveryId', messages: ['is required'] },
        { field: 'events.0.type', messages: [expect.stringMatching(/^must be one of PICKUP_SCHEDULED, /)] },
        { field: 'events.1.sequence', messages: ['must be >= 0'] },
      ]);
      expect(await rawMessage(app, response.body.rawMessageId as string)).toMatchObject({ status: 'rejected' });
    });

    it('answers 422 naming an event type the truckload table does not map, and applies nothing of the batch', async () => {
      const mixed = batch();
      mixed.events = [
        { ...mixed.events[0], eventId: 'mixed-1', shipment: { ...mixed.events[0].shipment, shipmentId: 'SHP-mixed' } },
        { ...mixed.events[0], eventId: 'mixed-2', type: 'VESSEL_LOADED', shipment: mixed.events[0].shipment },
      ];
      const response = await post(JSON.stringify(mixed));

      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'VENDOR_STATUS_UNKNOWN',
        vendor: 'nmfta',
        unknownStatuses: ['VESSEL_LOADED'],
        rawMessageId: expect.any(String),
      });
      expect(response.body.detail).toContain("'VESSEL_LOADED' at events[1], eventId mixed-2");
      expect(await outboxEvents(app, ['SHP-mixed'])).toEqual([]);
    });

    it('answers 422 when an arrival names no place, only coordinates, and the carrier does not number the stop', async () => {
      const unplaced = batch();
      unplaced.events = [
        {
          ...unplaced.events[3],
          eventId: 'unplaced-1',
          location: { type: 'GEOPOINT', latitude: 39.9612, longitude: -82.9988 },
          shipment: { ...unplaced.events[3].shipment, shipmentId: 'SHP-unplaced' },
        },
      ];
      const response = await post(JSON.stringify(unplaced));

      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VENDOR_EVENT_UNMAPPABLE');
      expect(response.body.detail).toContain('needs the stop sequence');
      expect(await outboxEvents(app, ['SHP-unplaced'])).toEqual([]);
    });
  });
});
