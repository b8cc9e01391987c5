import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp } from '@lanegate/platform/testing';
import { startProcessLayer } from './process-layer.js';

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: `evt-${Math.random().toString(36).slice(2, 10)}`,
    shipmentId: 'SHP-not-created-yet',
    kind: 'arrived_stop',
    occurredAt: '2026-12-08T09:50:00Z',
    sequence: 7,
    source: 'acme-tms',
    data: { stopSequence: 2 },
    ...overrides,
  };
}

describe('POST /process/v1/dispatch-events', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startProcessLayer();
  });

  afterAll(async () => {
    await app.dispose();
  });

  const post = async (body: unknown): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${app.baseUrl}/process/v1/dispatch-events`, {
      method: 'POST',
      headers: { authorization: app.bearer(['dispatch:write']), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

    return { status: response.status, body: await response.json() };
  };
  const history = async (shipmentId: string): Promise<any[]> => {
    const response = await fetch(`${app.baseUrl}/process/v1/shipments/${shipmentId}/events`, {
      headers: { authorization: app.bearer(['ops']) },
    });

    return ((await response.json()) as { events: any[] }).events;
  };

  describe('success', () => {
    it('stores one event durably and answers 202', async () => {
      const single = event({ shipmentId: 'SHP-single' });
      const response = await post(single);

      expect(response.status).toBe(202);
      expect(response.body).toEqual({ accepted: 1, duplicates: 0, acceptedEventIds: [single.eventId] });
      expect(await history('SHP-single')).toEqual([
        expect.objectContaining({
          id: single.eventId,
          type: 'lanegate.dispatch.arrived_stop.v1',
          sequence: 7,
          data: { stopSequence: 2, occurredAt: '2026-12-08T09:50:00.000Z', source: 'acme-tms' },
        }),
      ]);
    });

    it('stores a batch and acknowledges repeats, inside the batch and across requests, without effect', async () => {
      const first = event({ shipmentId: 'SHP-batch', sequence: 1, kind: 'departed_origin', data: {} });
      const second = event({ shipmentId: 'SHP-batch', sequence: 2 });
      const response = await post({ events: [first, second, first] });
      const again = await post({ events: [second] });

      expect(response.body).toMatchObject({ accepted: 2, duplicates: 1 });
      expect(again.body).toEqual({ accepted: 0, duplicates: 1, acceptedEventIds: [] });
      expect((await history('SHP-batch')).map((stored) => stored.id)).toEqual([first.eventId, second.eventId]);
    });

    it('keeps events of a shipment that does not exist yet', async () => {
      const early = event({ shipmentId: 'SHP-arrives-later' });

      expect((await post(early)).status).toBe(202);
      expect(await history('SHP-arrives-later')).toHaveLength(1);
    });
  });

  describe('failure', () => {
    it("names the field of an event's data that breaks the catalog's schema", async () => {
      const response = await post({
        events: [
          event(),
          event({ kind: 'assigned', data: { carrier: { scac: 'not a scac', name: 'B' }, routeMiles: 436 } }),
        ],
      });

      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([
        'events.1.data.carrier.scac',
      ]);
    });

    it('names unknown kinds and missing fields, and stores nothing of a rejected batch', async () => {
      const good = event({ shipmentId: 'SHP-rejected-batch' });
      const response = await post({ events: [good, { ...event(), kind: 'teleported', occurredAt: undefined }] });

      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'events.1.kind',
        'events.1.occurredAt',
      ]);
      expect(await history('SHP-rejected-batch')).toEqual([]);
    });

    it('refuses more than 500 events in one batch', async () => {
      const response = await post({ events: Array.from({ length: 501 }, () => event()) });

      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('events');
    });

    it('refuses a token without the dispatch:write, internal or ops scope', async () => {
      const response = await fetch(`${app.baseUrl}/process/v1/dispatch-events`, {
        method: 'POST',
        headers: {
          authorization: app.bearer(['portal'], { customerId: 'C-1001' }),
          'content-type': 'application/json',
        },
        body: JSON.stringify(event()),
      });

      expect(response.status).toBe(403);
    });
  });
});
