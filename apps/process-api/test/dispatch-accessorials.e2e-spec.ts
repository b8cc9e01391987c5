import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import { call, createShipment, journey, projectedEvents, storedProjection } from './dispatch-fixtures.js';
import { startProcessLayer } from './process-layer.js';

const LUMPER = { kind: 'lumper', amountCents: 18500, currency: 'USD', description: 'Lumper at Buckeye Grocers' };

describe('accessorial routes', () => {
  let app: TestApp;
  let ops: string;
  let vendor: string;

  beforeAll(async () => {
    app = await startProcessLayer();
    ops = app.bearer(['ops'], { subject: 'dana.finance' });
    vendor = app.bearer(['dispatch:write'], { subject: 'acme-tms' });
  });

  afterAll(async () => {
    await app.dispose();
  });

  const accessorials = (shipmentId: string) => `/process/v1/shipments/${shipmentId}/accessorials`;
  const dispatchOf = async (shipmentId: string): Promise<any> =>
    (await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}`)).body.dispatch;
  /** A dispatched shipment with a lumper pending approval. */
  const withPendingLumper = async (name: string): Promise<{ shipmentId: string; accessorialId: string }> => {
    const shipmentId = await createShipment(app, name);
    await call(app, vendor, 'POST', '/process/v1/dispatch-events', journey(shipmentId)[0]);
    const submitted = await call(app, ops, 'POST', accessorials(shipmentId), {
      ...LUMPER,
      accessorialId: `ACC-${name}`,
    });
    await projectedEvents(app, shipmentId, 2);

    return { shipmentId, accessorialId: submitted.body.accessorialId };
  };

  describe('POST /process/v1/shipments/{id}/accessorials', () => {
    it('submits an accessorial that waits for approval', async () => {
      const shipmentId = await createShipment(app, 'order-acc-submit');
      const response = await call(app, ops, 'POST', accessorials(shipmentId), LUMPER);

      expect(response.status).toBe(202);
      expect(response.body).toMatchObject({
        shipmentId,
        kind: 'accessorial_submitted',
        accessorialId: expect.stringMatching(/^ACC-/),
        eventId: expect.stringMatching(/^ops-/),
      });
      await projectedEvents(app, shipmentId, 1);
      expect((await dispatchOf(shipmentId)).accessorials).toEqual([
        {
          accessorialId: response.body.accessorialId,
          kind: 'lumper',
          state: 'pending_approval',
          amountCents: 18500,
          submittedAmountCents: 18500,
          currency: 'USD',
          description: 'Lumper at Buckeye Grocers',
          receiptUrl: null,
          rejectionReason: null,
        },
      ]);
      expect((await storedProjection(app, shipmentId))?.pendingAccessorialCount).toBe(1);
    });

    it('takes a submission from a dispatch platform under its own name', async () => {
      const shipmentId = await createShipment(app, 'order-acc-vendor');
      const response = await call(app, vendor, 'POST', accessorials(shipmentId), { ...LUMPER, kind: 'stop_off' });
      await projectedEvents(app, shipmentId, 1);
      const history = await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}/events`);

      expect(response.status).toBe(202);
      expect(
        history.body.events.find((event: { id: string }) => event.id === response.body.eventId).data,
      ).toMatchObject({ source: 'acme-tms', kind: 'stop_off' });
      expect((await dispatchOf(shipmentId)).accessorials[0].state).toBe('approved');
    });

    it('refuses an accessorial id submitted before with 409', async () => {
      const { shipmentId, accessorialId } = await withPendingLumper('order-acc-twice');
      const response = await call(app, ops, 'POST', accessorials(shipmentId), { ...LUMPER, accessorialId });

      expect(response.status).toBe(409);
      expect(response.body.code).toBe('ACCESSORIAL_ALREADY_SUBMITTED');
    });

    it('answers 404 for an unknown shipment and names bad fields', async () => {
      const unknown = await call(app, ops, 'POST', accessorials('SHP-unknown'), LUMPER);
      const shipmentId = await createShipment(app, 'order-acc-bad');
      const bad = await call(app, ops, 'POST', accessorials(shipmentId), { ...LUMPER, amountCents: -5, kind: 'tip' });

      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('SHIPMENT_NOT_FOUND');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['amountCents', 'kind']);
    });
  });

  describe('POST /process/v1/shipments/{id}/accessorials/{accessorialId}/approval', () => {
    it('approves a pending accessorial for the approved amount, and records who approved it', async () => {
      const { shipmentId, accessorialId } = await withPendingLumper('order-acc-approve');
      const response = await call(app, ops, 'POST', `${accessorials(shipmentId)}/${accessorialId}/approval`, {
        amountCents: 17500,
        currency: 'USD',
        note: 'handling fee not agreed',
      });
      await projectedEvents(app, shipmentId, 3);

      expect(response.status).toBe(202);
      expect(response.body).toMatchObject({ accessorialId, kind: 'accessorial_approved' });
      expect((await dispatchOf(shipmentId)).accessorials[0]).toMatchObject({
        state: 'approved',
        amountCents: 17500,
        submittedAmountCents: 18500,
      });
      const entries = (await call(app, ops, 'GET', `/process/v1/shipments/${shipmentId}/timeline?pageSize=100`)).body
        .items;
      expect(entries.find((entry: { kind: string }) => entry.kind === 'accessorial.approval_requested')).toMatchObject({
        source: 'ops',
        details: { requestedBy: 'dana.finance', note: 'handling fee not agreed', eventId: response.body.eventId },
      });
      expect(
        entries.find(
          (entry: any) => entry.kind === 'dispatch_event.received' && entry.details.eventId === response.body.eventId,
        ),
      ).toMatchObject({ source: 'ops', details: { kind: 'accessorial_approved', decision: { outcome: 'applied' } } });
    });

    it('answers 409 once the accessorial is decided', async () => {
      const { shipmentId, accessorialId } = await withPendingLumper('order-acc-decided');
      await call(app, ops, 'POST', `${accessorials(shipmentId)}/${accessorialId}/approval`, {
        amountCents: 18500,
        currency: 'USD',
      });
      await projectedEvents(app, shipmentId, 3);
      const again = await call(app, ops, 'POST', `${accessorials(shipmentId)}/${accessorialId}/approval`, {
        amountCents: 18500,
        currency: 'USD',
      });
      const rejection = await call(app, ops, 'POST', `${accessorials(shipmentId)}/${accessorialId}/rejection`, {
        reason: 'too late',
      });

      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ACCESSORIAL_ALREADY_DECIDED');
      expect(rejection.status).toBe(409);
    });

    it('answers 404 for an unknown shipment or accessorial, 422 for another currency, 403 without ops', async () => {
      const { shipmentId, accessorialId } = await withPendingLumper('order-acc-missing');
      const approval = { amountCents: 100, currency: 'USD' };
      const unknownShipment = await call(app, ops, 'POST', `${accessorials('SHP-nope')}/ACC-1/approval`, approval);
      const unknownAccessorial = await call(
        app,
        ops,
        'POST',
        `${accessorials(shipmentId)}/ACC-nope/approval`,
        approval,
      );
      const otherCurrency = await call(app, ops, 'POST', `${accessorials(shipmentId)}/${accessorialId}/approval`, {
        ...approval,
        currency: 'CAD',
      });
      const byVendor = await call(
        app,
        vendor,
        'POST',
        `${accessorials(shipmentId)}/${accessorialId}/approval`,
        approval,
      );

      expect([unknownShipment.status, unknownAccessorial.status]).toEqual([404, 404]);
      expect(unknownShipment.body.code).toBe('SHIPMENT_NOT_FOUND');
      expect(unknownAccessorial.body.code).toBe('ACCESSORIAL_NOT_FOUND');
      expect(otherCurrency.status).toBe(422);
      expect(otherCurrency.body.code).toBe('ACCESSORIAL_CURRENCY_MISMATCH');
      expect(byVendor.status).toBe(403);
      expect((await dispatchOf(shipmentId)).accessorials[0].state).toBe('pending_approval');
    });
  });

  describe('POST /process/v1/shipments/{id}/accessorials/{accessorialId}/rejection', () => {
    it('rejects a pending accessorial with its reason', async () => {
      const { shipmentId, accessorialId } = await withPendingLumper('order-acc-reject');
      const response = await call(app, ops, 'POST', `${accessorials(shipmentId)}/${accessorialId}/rejection`, {
        reason: 'No lumper receipt attached',
      });
      await projectedEvents(app, shipmentId, 3);

      expect(response.status).toBe(202);
      expect(response.body.kind).toBe('accessorial_rejected');
      expect((await dispatchOf(shipmentId)).accessorials[0]).toMatchObject({
        state: 'rejected',
        rejectionReason: 'No lumper receipt attached',
      });
      expect((await storedProjection(app, shipmentId))?.pendingAccessorialCount).toBe(0);
    });

    it('needs a reason, and answers 404 for an unknown accessorial', async () => {
      const shipmentId = await createShipment(app, 'order-acc-reject-bad');
      const blank = await call(app, ops, 'POST', `${accessorials(shipmentId)}/ACC-x/rejection`, { reason: ' ' });
      const unknown = await call(app, ops, 'POST', `${accessorials(shipmentId)}/ACC-x/rejection`, { reason: 'no' });
      await waitUntil(async () => (await dispatchOf(shipmentId)) !== null);

      expect(blank.status).toBe(400);
      expect(blank.body.errors[0].field).toBe('reason');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ACCESSORIAL_NOT_FOUND');
    });
  });
});
