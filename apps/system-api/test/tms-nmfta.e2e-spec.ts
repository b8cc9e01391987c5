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

type Batch = { deliveryId: string; sentAt: string; events: Record<string, any>[] };

function batch(): Batch {
  return JSON.parse(fixture('nmfta/event-batch-two-shipments.json')) as Batch;
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

    it('answers 422 when an arrival is at neither end of the shipment and the carrier does not number the stop', async () => {
      const unplaced = batch();
      unplaced.events = [
        {
          ...unplaced.events[3],
          eventId: 'unplaced-1',
          location: { locationId: 'SOMEWHERE-ELSE', type: 'FACILITY' },
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
