import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import {
  call,
  createShipment,
  createShipmentWithId,
  journey,
  projectedEvents,
  storedEvents,
  storedProjection,
} from './dispatch-fixtures.js';
import { startProcessLayer } from './process-layer.js';

describe('dispatch projection consumer', () => {
  let app: TestApp;
  let vendor: string;
  let ops: string;

  beforeAll(async () => {
    app = await startProcessLayer();
    vendor = app.bearer(['dispatch:write'], { subject: 'acme-tms' });
    ops = app.bearer(['ops']);
  });

  afterAll(async () => {
    await app.dispose();
  });

  const report = (events: unknown[]) => call(app, vendor, 'POST', '/process/v1/dispatch-events', { events });
  const projectionOf = async (shipmentId: string): Promise<string> => {
    const stored = await storedProjection(app, shipmentId);

    return (stored?.projection ?? '').split(shipmentId).join('<shipment>');
  };

  describe('success', () => {
    it('folds events sent out of order, with duplicates, into the projection the same events give in order', async () => {
      const inOrder = await createShipment(app, 'order-in-order');
      const shuffled = await createShipment(app, 'order-shuffled');
      const ordered = journey(inOrder);
      const mixed = journey(shuffled);

      expect((await report(ordered)).body).toMatchObject({ accepted: 7, duplicates: 0 });
      const first = await report([mixed[6], mixed[4], mixed[6], mixed[1]]);
      const second = await report([mixed[5], mixed[0], mixed[4], mixed[3]]);
      const third = await report([mixed[2], mixed[0]]);
      await projectedEvents(app, inOrder, 7);
      await projectedEvents(app, shuffled, 7);

      expect([first.body.duplicates, second.body.duplicates, third.body.duplicates]).toEqual([1, 1, 1]);
      expect(await projectionOf(shuffled)).toEqual(await projectionOf(inOrder));
      expect(await storedProjection(app, shuffled)).toMatchObject({
        dispatchStatus: 'delivered',
        carrierScac: 'SWFT',
        routeMiles: 436,
        deliveredAt: new Date('2026-12-08T09:30:00Z'),
        podCapturedAt: new Date('2026-12-08T09:32:00Z'),
        openExceptionCount: 0,
        pendingAccessorialCount: 0,
      });
      expect((await call(app, ops, 'GET', `/process/v1/shipments/${shuffled}`)).body.status).toBe('delivered');
    });

    it('keeps events of a shipment not created yet as parked, and applies them when it is created', async () => {
      const shipmentId = 'SHP-parked-first';
      const events = journey(shipmentId).slice(0, 3);
      await report(events);
      await waitUntil(async () => (await storedEvents(app, shipmentId)).length === 3);

      expect((await storedEvents(app, shipmentId)).map((row) => row.outcome)).toEqual(['parked', 'parked', 'parked']);
      expect(await storedProjection(app, shipmentId)).toBeNull();

      await createShipmentWithId(app, shipmentId, 'order-parked');
      await projectedEvents(app, shipmentId, 3);

      expect((await storedEvents(app, shipmentId)).map((row) => row.outcome)).toEqual([
        'applied',
        'applied',
        'applied',
      ]);
      expect(await storedProjection(app, shipmentId)).toMatchObject({
        dispatchStatus: 'in_transit',
        carrierScac: 'SWFT',
        routeMiles: 436,
      });
    });

    it('changes carrier and miles on a reassignment', async () => {
      const shipmentId = await createShipment(app, 'order-reassigned');
      const [assigned] = journey(shipmentId);
      await report([assigned]);
      await projectedEvents(app, shipmentId, 1);

      expect(await storedProjection(app, shipmentId)).toMatchObject({ carrierScac: 'SWFT', routeMiles: 436 });

      await report([
        {
          ...assigned,
          eventId: `${shipmentId}-reassigned`,
          kind: 'reassigned',
          sequence: 2,
          occurredAt: '2026-12-07T12:30:00Z',
          data: { carrier: { scac: 'KNGT', name: 'Knight' }, routeMiles: 452 },
        },
      ]);
      await projectedEvents(app, shipmentId, 2);

      const projection = JSON.parse((await storedProjection(app, shipmentId))!.projection);
      expect(await storedProjection(app, shipmentId)).toMatchObject({
        carrierScac: 'KNGT',
        carrierName: 'Knight',
        routeMiles: 452,
        dispatchStatus: 'dispatched',
      });
      expect(projection.carrierHistory.map((entry: { carrier: { scac: string } }) => entry.carrier.scac)).toEqual([
        'SWFT',
        'KNGT',
      ]);
    });

    it('stores a repeated event once and changes nothing', async () => {
      const shipmentId = await createShipment(app, 'order-repeats');
      const [assigned] = journey(shipmentId);
      await report([assigned]);
      await projectedEvents(app, shipmentId, 1);
      const before = await storedProjection(app, shipmentId);

      const again = await report([assigned, assigned]);
      const later = await createShipment(app, 'order-repeats-barrier');
      await report([journey(later)[0]]);
      await projectedEvents(app, later, 1);

      expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
      expect(await storedEvents(app, shipmentId)).toHaveLength(1);
      expect((await storedProjection(app, shipmentId))?.version).toBe(before?.version);
    });

    it('publishes status changes to the event history', async () => {
      const shipmentId = await createShipment(app, 'order-status-history');
      await report(journey(shipmentId).slice(0, 3));
      await projectedEvents(app, shipmentId, 3);
      let changes: { data: { from: string; to: string }; correlationId: string }[] = [];
      await waitUntil(async () => {
        const history = await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}/events`);
        changes = history.body.events.filter(
          (event: { type: string }) => event.type === 'lanegate.shipment.status_changed.v1',
        );

        return changes.length === 2;
      });

      expect(changes.map((change) => `${change.data.from}->${change.data.to}`)).toEqual([
        'created->dispatched',
        'dispatched->in_transit',
      ]);
    });
    it('shows the dispatch state on GET /process/v1/shipments/{id}', async () => {
      const shipmentId = await createShipment(app, 'order-view');
      await report([
        ...journey(shipmentId),
        {
          eventId: `${shipmentId}-late-exception`,
          shipmentId,
          kind: 'exception_raised',
          occurredAt: '2026-12-08T11:00:00Z',
          sequence: 8,
          source: 'acme-tms',
          data: { code: 'A9', reason: 'Two pallets damaged' },
        },
      ]);
      await projectedEvents(app, shipmentId, 8);

      const shipment = (await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}`)).body;
      expect(shipment).toMatchObject({ status: 'exception_pending', routeMiles: 410 });
      expect(shipment.stops.map((stop: any) => [stop.sequence, stop.arrivedAt, stop.departedAt])).toEqual([
        [1, '2026-12-07T13:50:00.000Z', '2026-12-07T15:10:00.000Z'],
        [2, '2026-12-08T08:40:00.000Z', '2026-12-08T10:05:00.000Z'],
      ]);
      expect(shipment.dispatch).toMatchObject({
        status: 'exception_pending',
        resumeStatus: 'delivered',
        carrier: { scac: 'SWFT', name: 'Swift' },
        routeMiles: 436,
        deliveredAt: '2026-12-08T09:30:00.000Z',
        proofOfDelivery: { capturedAt: '2026-12-08T09:32:00Z', signedBy: 'J. Ortiz', documentUrl: null },
        openExceptions: [{ code: 'A9', reason: 'Two pallets damaged', raisedAt: '2026-12-08T11:00:00.000Z' }],
        accessorials: [],
        eventCount: 8,
        parkedEventCount: 0,
      });
    });
  });

  describe('failure', () => {
    it('records a rejected event with its code and keeps the status', async () => {
      const shipmentId = await createShipment(app, 'order-rejected');
      const [, , , , delivered] = journey(shipmentId);
      await report([{ ...delivered, sequence: 1 }]);
      await projectedEvents(app, shipmentId, 1);

      const [row] = await storedEvents(app, shipmentId);
      expect(row).toMatchObject({ outcome: 'rejected', rejectionCode: 'NOT_ALLOWED' });
      expect((await storedProjection(app, shipmentId))?.dispatchStatus).toBe('created');
    });
  });
});
