import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import {
  call,
  createShipment,
  createShipmentWithId,
  journey,
  projectedEvents,
  storedEvents,
} from './dispatch-fixtures.js';
import { startProcessLayer } from './process-layer.js';

describe('GET /process/v1/shipments/{id}/timeline', () => {
  let app: TestApp;
  let ops: string;
  let vendor: string;

  beforeAll(async () => {
    app = await startProcessLayer();
    ops = app.bearer(['ops']);
    vendor = app.bearer(['dispatch:write']);
  });

  afterAll(async () => {
    await app.dispose();
  });

  const report = (events: unknown[], correlationId: string) =>
    fetch(`${app.baseUrl}/process/v1/dispatch-events`, {
      method: 'POST',
      headers: { authorization: vendor, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify({ events }),
    });
  const timeline = async (shipmentId: string, query = ''): Promise<any> =>
    (await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}/timeline${query}`)).body;
  /** The entries of dispatch: billing adds its own (charges, holds) in between, which other suites test. */
  const dispatchEntries = async (shipmentId: string): Promise<any[]> =>
    (await timeline(shipmentId, '?pageSize=100')).items.filter((entry: { kind: string }) =>
      /^(erp\.order_checked|shipment\.|dispatch_event\.|status\.)/.test(entry.kind),
    );

  describe('success', () => {
    it('lists the creation, each event received with its decision, and status changes, in order', async () => {
      const shipmentId = await createShipment(app, 'order-timeline');
      const [assigned, , , , delivered] = journey(shipmentId);
      await report([assigned], 'tms-batch-1');
      await projectedEvents(app, shipmentId, 1);
      await report([{ ...delivered, sequence: 0 }], 'tms-batch-2');
      await projectedEvents(app, shipmentId, 2);
      await report([assigned], 'tms-batch-3');
      await waitUntil(async () => (await dispatchEntries(shipmentId)).length === 6);

      const [checked, ...entries] = await dispatchEntries(shipmentId);
      expect(checked).toMatchObject({ kind: 'erp.order_checked', correlationId: 'order-timeline', source: 'erp' });
      expect(entries.map((entry: { kind: string }) => entry.kind)).toEqual([
        'shipment.created',
        'dispatch_event.received',
        'status.changed',
        'dispatch_event.received',
        'dispatch_event.received',
      ]);
      expect(entries[0]).toMatchObject({ correlationId: 'order-timeline' });
      expect(entries[1]).toMatchObject({
        correlationId: 'tms-batch-1',
        source: 'acme-tms',
        details: { eventId: assigned.eventId, kind: 'assigned', decision: { outcome: 'applied' } },
      });
      expect(entries[2]).toMatchObject({
        correlationId: 'tms-batch-1',
        details: { from: 'created', to: 'dispatched' },
      });
      expect(entries[3]).toMatchObject({
        correlationId: 'tms-batch-2',
        details: { eventId: delivered.eventId, decision: { outcome: 'rejected', code: 'NOT_ALLOWED' } },
      });
      expect(entries[3].details.decision.reason).toEqual(expect.any(String));
      expect(entries[4]).toMatchObject({
        correlationId: 'tms-batch-3',
        details: { eventId: assigned.eventId, decision: { outcome: 'duplicate' } },
      });
    });

    it('shows events that waited for the shipment as parked, then applied', async () => {
      const shipmentId = 'SHP-timeline-parked';
      await report([journey(shipmentId)[0]], 'tms-early');
      await waitUntil(async () => (await storedEvents(app, shipmentId)).length === 1);
      expect((await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}/timeline`)).status).toBe(404);

      await createShipmentWithId(app, shipmentId, 'order-late');
      await projectedEvents(app, shipmentId, 1);

      const entries = await dispatchEntries(shipmentId);
      expect(entries.map((entry: any) => [entry.kind, entry.details.decision?.outcome ?? null])).toEqual([
        ['dispatch_event.received', 'parked'],
        ['shipment.created', null],
        ['dispatch_event.redecided', 'applied'],
        ['status.changed', null],
      ]);
      expect(entries[1].details).toEqual({ parkedEventCount: 1 });
    });

    it('pages the timeline', async () => {
      const shipmentId = await createShipment(app, 'order-timeline-pages');
      await report(journey(shipmentId).slice(0, 3), 'tms-pages');
      await projectedEvents(app, shipmentId, 3);
      await waitUntil(async () => (await dispatchEntries(shipmentId)).length === 7);
      const all = await timeline(shipmentId, '?pageSize=100');

      const second = await timeline(shipmentId, '?page=2&pageSize=4');
      expect(all.total).toBeGreaterThanOrEqual(7);
      expect(second).toMatchObject({ shipmentId, total: all.total, page: 2, pageSize: 4 });
      expect(second.items).toEqual(all.items.slice(4, 8));
      expect(second.items.length).toBeGreaterThan(0);
    });
  });

  describe('failure', () => {
    it('answers 404 problem+json for an unknown shipment', async () => {
      const response = await call(app, ops, 'GET', '/process/v1/shipments/SHP-unknown/timeline');

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'SHIPMENT_NOT_FOUND' });
    });

    it('refuses a token without the ops or internal scope', async () => {
      const shipmentId = await createShipment(app, 'order-timeline-scope');
      const response = await call(app, vendor, 'GET', `/process/v1/shipments/${shipmentId}/timeline`);

      expect(response.status).toBe(403);
    });

    it('names a bad page size', async () => {
      const shipmentId = await createShipment(app, 'order-timeline-bad-page');
      const response = await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}/timeline?pageSize=500`);

      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('pageSize');
    });
  });
});
