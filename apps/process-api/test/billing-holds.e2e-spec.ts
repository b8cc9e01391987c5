import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LAKESHORE_STOPS } from '@lanegate/domain/testing';
import type { TestApp } from '@lanegate/platform/testing';

import { BillingBed, dispatchEvent, referenceLoad } from './billing-fixtures.js';
import { startProcessLayer } from './process-layer.js';

/** Index of each step in {@link referenceLoad}. */
const STEP = { assigned: 0, arrived1: 1, departed1: 2, reassigned: 3, arrived2: 4, delivered: 5, departed2: 6, pod: 7 };

const COLUMBUS_TO_DETROIT = LAKESHORE_STOPS;
const DETROIT_TO_CHICAGO = [
  { ...COLUMBUS_TO_DETROIT[0], name: 'Great Lakes Chemical Plant', city: 'Detroit', region: 'MI', postalCode: '48209' },
  { ...COLUMBUS_TO_DETROIT[1], name: 'Calumet Tank Terminal', city: 'Chicago', region: 'IL', postalCode: '60633' },
];

/** One test per hold reason: the shipment is held with that reason, and released once the cause is cleared. */
describe('billing holds', () => {
  let app: TestApp;
  let bed: BillingBed;

  const holdsOf = async (shipmentId: string): Promise<string[]> =>
    ((await bed.readiness(shipmentId)).holds as { reason: string }[]).map((hold) => hold.reason);
  /** Waits until billing holds the shipment with exactly these reasons: earlier assessments hold it with others. */
  const heldWith = (shipmentId: string, reasons: string[]): Promise<any> =>
    bed.waitForReadiness(
      shipmentId,
      (readiness) => readiness.holds.map((hold: { reason: string }) => hold.reason).join() === reasons.join(),
    );
  const released = async (shipmentId: string): Promise<void> => {
    await bed.waitForStatus(shipmentId, 'invoice_posted');
    expect(await holdsOf(shipmentId)).toEqual([]);
    expect(await bed.erpDocumentsOf(shipmentId)).toHaveLength(1);
  };
  const eventTypes = async (shipmentId: string): Promise<string[]> =>
    (
      (await bed.call('GET', `/process/v1/shipments/${shipmentId}/events?pageSize=100`)).body.events as {
        type: string;
      }[]
    ).map((event) => event.type);

  beforeAll(async () => {
    app = await startProcessLayer();
    bed = new BillingBed(app);
  });

  beforeEach(async () => {
    await bed.call('DELETE', '/sandbox/erp/faults');
  });

  afterAll(async () => {
    await bed?.expectNoDuplicateErpDocuments();
    await app?.dispose();
  });

  it('awaiting_delivery: holds a shipment in transit, and bills it once delivered with proof of delivery', async () => {
    const shipmentId = await bed.createShipment();
    const load = referenceLoad(shipmentId);
    await bed.report(load.slice(0, STEP.arrived2 + 1));
    const held = await heldWith(shipmentId, ['awaiting_delivery', 'awaiting_pod', 'tax_unresolved']);

    expect(held.status).toBe('in_transit');
    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual([
      'awaiting_delivery',
      'awaiting_pod',
      'tax_unresolved',
    ]);
    await bed.report(load.slice(STEP.delivered));
    await released(shipmentId);
  });

  it('awaiting_pod: holds a delivered shipment until its proof of delivery, publishing the hold and its release', async () => {
    const shipmentId = await bed.createShipment();
    const load = referenceLoad(shipmentId);
    await bed.report(load.slice(0, STEP.pod));
    const held = await heldWith(shipmentId, ['awaiting_pod']);
    await bed.waitForStatus(shipmentId, 'billing_hold');

    expect(held.holds).toEqual([
      expect.objectContaining({ reason: 'awaiting_pod', detail: expect.stringContaining('no proof of delivery') }),
    ]);
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/lanegate_billing_holds\{reason="awaiting_pod"\} [1-9]/);
    await bed.report([load[STEP.pod]]);
    await released(shipmentId);
    expect(await eventTypes(shipmentId)).toEqual(
      expect.arrayContaining(['lanegate.billing.hold_entered.v1', 'lanegate.billing.hold_released.v1']),
    );
  });

  it('accessorial_pending: holds billing until the lumper is approved, then bills it', async () => {
    const shipmentId = await bed.createShipment();
    const load = referenceLoad(shipmentId);
    await bed.report(load.slice(0, STEP.pod));
    const submitted = await bed.call('POST', `/process/v1/shipments/${shipmentId}/accessorials`, {
      accessorialId: 'ACC-LUMPER-1',
      kind: 'lumper',
      amountCents: 18_500,
      currency: 'USD',
      description: 'Lumper receipt 44871',
    });
    expect(submitted.status).toBe(202);
    await bed.report([load[STEP.pod]]);
    const held = await heldWith(shipmentId, ['accessorial_pending']);

    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual(['accessorial_pending']);
    expect(held.status).toBe('billing_hold');
    const approval = await bed.call('POST', `/process/v1/shipments/${shipmentId}/accessorials/ACC-LUMPER-1/approval`, {
      amountCents: 18_500,
      currency: 'USD',
    });
    expect(approval.status).toBe(202);
    await released(shipmentId);
    const [invoice] = await bed.erpDocumentsOf(shipmentId);
    expect(invoice.lines.map((line) => [line.kind, line.amountCents])).toContainEqual(['lumper', 18_500]);
  });

  it('exception_open: holds billing while an exception is open, and bills once it is cleared', async () => {
    const shipmentId = await bed.createShipment();
    const load = referenceLoad(shipmentId);
    const raised = dispatchEvent(shipmentId, 'exc', 'exception_raised', '2026-12-08T10:30:00Z', {
      code: 'A9',
      reason: 'Two pallets damaged in transit',
    });
    await bed.report([...load.slice(0, STEP.delivered), { ...raised, sequence: 6 }]);
    await bed.report(load.slice(STEP.delivered).map((event) => ({ ...event, sequence: Number(event.sequence) + 1 })));
    const held = await heldWith(shipmentId, ['exception_open']);

    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual(['exception_open']);
    expect(held.holds[0].detail).toContain('A9');
    await bed.report([
      dispatchEvent(shipmentId, 'exc-cleared', 'exception_cleared', '2026-12-08T16:00:00Z', { code: 'A9' }, 10),
    ]);
    await released(shipmentId);
  });

  it('tax_unresolved: holds billing while the ERP refuses to quote tax, and bills once the tax data is fixed', async () => {
    const shipmentId = await bed.createShipment({ customerId: 'C-1004', routeMiles: 283, stops: DETROIT_TO_CHICAGO });
    await bed.report(referenceLoad(shipmentId));
    const held = await heldWith(shipmentId, ['tax_unresolved']);

    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual(['tax_unresolved']);
    expect(held.tax).toMatchObject({ status: 'failed', refusal: { code: 'TAX_VALIDATION_FAILED' } });
    expect(held.holds[0].detail).toContain('exemption certificate');
    await bed.changeCustomer('C-1004', { rejectsTax: false });
    const review = await bed.requestReview(shipmentId, { reason: 'Exemption certificate renewed in the ERP.' });
    expect(review.status).toBe(202);
    await released(shipmentId);
  });

  it('po_missing: holds billing for a customer that needs a PO until one is recorded, then bills it with the PO', async () => {
    const shipmentId = await bed.createShipment({
      customerId: 'C-1002',
      purchaseOrder: undefined,
      routeMiles: 204,
      stops: COLUMBUS_TO_DETROIT,
    });
    await bed.report(referenceLoad(shipmentId));
    const held = await heldWith(shipmentId, ['po_missing']);

    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual(['po_missing']);
    const recorded = await bed.call('PUT', `/process/v1/shipments/${shipmentId}/purchase-order`, {
      purchaseOrder: 'PO-LAKE-2291',
    });
    expect(recorded.status).toBe(202);
    await released(shipmentId);
    expect((await bed.erpDocumentsOf(shipmentId))[0].purchaseOrder).toBe('PO-LAKE-2291');
  });

  it('erp_rejected: holds billing after the ERP rejects the invoice, and posts it once the cause is fixed', async () => {
    await bed.setErpFaults({
      postingRejection: { code: 'PERIOD_CLOSED', detail: 'Accounting period 2026-12 is closed for posting.' },
    });
    const shipmentId = await bed.createShipment();
    await bed.report(referenceLoad(shipmentId));
    const held = await heldWith(shipmentId, ['erp_rejected']);

    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual(['erp_rejected']);
    expect(held.erpRejection).toMatchObject({
      code: 'PERIOD_CLOSED',
      invoiceId: `INV-${shipmentId}-v1`,
      resolvedAt: null,
    });
    expect(held.status).toBe('billing_hold');
    expect(await bed.erpDocumentsOf(shipmentId)).toEqual([]);
    expect((await bed.invoices(shipmentId))[0]).toMatchObject({
      status: 'rejected',
      rejection: { code: 'PERIOD_CLOSED' },
    });

    // A review that does not say the cause is fixed leaves the hold.
    await bed.requestReview(shipmentId, { reason: 'Checking with finance.' });
    await bed.waitForReadiness(shipmentId, (readiness) => readiness.assessedAt > held.assessedAt);
    expect(await holdsOf(shipmentId)).toEqual(['erp_rejected']);

    await bed.call('DELETE', '/sandbox/erp/faults');
    await bed.requestReview(shipmentId, { reason: 'Finance reopened period 2026-12.', erpRejectionResolved: true });
    await released(shipmentId);
    expect((await bed.readiness(shipmentId)).erpRejection.resolvedAt).toEqual(expect.any(String));
  });

  it('rating_failed: holds billing while a rule cannot price the shipment, and bills once the event is corrected', async () => {
    // The platform dates the pickup a week before the first diesel price the ERP publishes.
    const shipmentId = await bed.createShipment();
    const load = referenceLoad(shipmentId);
    const misdated = [
      { ...load[STEP.arrived1], occurredAt: '2026-09-28T13:50:00Z' },
      { ...load[STEP.departed1], occurredAt: '2026-09-28T15:10:00Z' },
    ];
    await bed.report([load[STEP.assigned], ...misdated, ...load.slice(STEP.reassigned)]);
    const held = await heldWith(shipmentId, ['tax_unresolved', 'rating_failed']);

    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual(['tax_unresolved', 'rating_failed']);
    expect(held.ratingProblems).toEqual([
      expect.objectContaining({ code: 'NO_DIESEL_PRICE', rule: 'fuel_surcharge.v1' }),
    ]);
    // The platform corrects the pickup times with later reports for the same stop.
    await bed.report([
      dispatchEvent(shipmentId, 'arrived-1-fix', 'arrived_stop', '2026-12-07T13:50:00Z', { stopSequence: 1 }, 9),
      dispatchEvent(shipmentId, 'departed-1-fix', 'departed_stop', '2026-12-07T15:10:00Z', { stopSequence: 1 }, 10),
    ]);
    await released(shipmentId);
  });

  it('credit_hold: holds billing while the customer is on credit hold in the ERP, and bills once it is lifted', async () => {
    const shipmentId = await bed.createShipment();
    await bed.changeCustomer('C-1001', { status: 'on_hold' });
    await bed.call('POST', '/system/v1/erp/cache-invalidations', { kind: 'customer', key: 'C-1001' });
    await bed.report(referenceLoad(shipmentId));
    const held = await heldWith(shipmentId, ['credit_hold']);

    expect(held.holds.map((hold: { reason: string }) => hold.reason)).toEqual(['credit_hold']);
    expect(held.holds[0].detail).toContain('on hold');
    await bed.changeCustomer('C-1001', { status: 'active' });
    await bed.requestReview(shipmentId, { reason: 'Credit hold lifted by credit control.' });
    await released(shipmentId);
  });
});
