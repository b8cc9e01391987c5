import { afterAll, beforeAll, expect, it } from 'vitest';

import { referenceLoadDeliveredBadly } from '@lanegate/domain/testing';
import type { TestApp } from '@lanegate/platform/testing';

import { BillingBed, KNIGHT, referenceLoad } from './billing-fixtures.js';

/** Where the scenario runs: the process layer, the sandbox (the same app when embedded) and how to stop them. */
export interface BillingScenarioEnvironment {
  processApi: TestApp;
  sandbox?: TestApp;
  dispose: () => Promise<void>;
}

/**
 * The order-to-posting workflow end to end: the process layer, the system layer and the sandbox ERP, each reached
 * over HTTP, on whatever database and bus `environment` starts them with.
 */
export function billingScenarios(environment: () => Promise<BillingScenarioEnvironment>): void {
  let started: BillingScenarioEnvironment | undefined;
  let bed: BillingBed;

  beforeAll(async () => {
    started = await environment();
    bed = new BillingBed(started.processApi, started.sandbox);
  }, 120_000);

  afterAll(async () => {
    await bed?.expectNoDuplicateErpDocuments();
    await started?.dispose();
  }, 60_000);

  it('bills carrier B, 436 miles, fuel on 436 miles, 1 h 15 min of detention and quoted tax, once, through duplicates and reordering', async () => {
    const shipmentId = await bed.createShipment();
    // Some events twice, some out of order; the proof of delivery, 40 minutes after delivery, comes last.
    for (const batch of referenceLoadDeliveredBadly(shipmentId)) {
      await bed.report(batch);
    }
    await bed.waitForStatus(shipmentId, 'invoice_posted');

    const documents = await bed.erpDocumentsOf(shipmentId);
    expect(documents).toHaveLength(1);
    const [invoice] = documents;
    const readiness = await bed.readiness(shipmentId);
    expect(invoice).toMatchObject({
      type: 'invoice',
      externalReference: `INV-${shipmentId}-v1`,
      customerId: 'C-1001',
      purchaseOrder: 'PO-88123',
      carrier: KNIGHT,
    });
    expect(
      invoice.lines.map(({ kind, quantity, unit, rateCents, amountCents }) => ({
        kind,
        quantity,
        unit,
        rateCents,
        amountCents,
      })),
    ).toEqual([
      { kind: 'linehaul', quantity: 436, unit: 'mile', rateCents: 285, amountCents: 124_260 },
      // Diesel at 399 cents on the pickup date, 2026-12-07: the 390-399 band, 48 cents a mile.
      { kind: 'fuel_surcharge', quantity: 436, unit: 'mile', rateCents: 48, amountCents: 20_928 },
      // 190 minutes on site, 120 free, 70 over rounded up to 75 minutes at 60.00 an hour.
      { kind: 'detention', quantity: 1.25, unit: 'hour', rateCents: 6_000, amountCents: 7_500 },
    ]);
    // The tax is the ERP's quote: 6.25 % in US-IL on 152,688 cents.
    expect(readiness.tax).toMatchObject({ status: 'resolved', taxCents: 9_543 });
    expect(invoice.taxCents).toBe(readiness.tax.taxCents);
    expect(invoice.totalCents).toBe(124_260 + 20_928 + 7_500 + 9_543);

    const [stored] = await bed.invoices(shipmentId);
    expect(stored).toMatchObject({
      id: `INV-${shipmentId}-v1`,
      kind: 'invoice',
      status: 'posted',
      erpDocumentNumber: invoice.documentNumber,
      carrierScac: 'KNXT',
      totalCents: invoice.totalCents,
    });
    expect(readiness).toMatchObject({ status: 'invoice_posted', ready: true, holds: [] });
  });

  it('posts an identical invoice, line for line and cent for cent, when the same events arrive once and in order', async () => {
    const shuffled = await bed.createShipment();
    const clean = await bed.createShipment();
    const load = referenceLoad(shuffled);
    await bed.report([load[2], load[0], load[1], load[0]]);
    await bed.report([load[4], load[3], load[6], load[5], load[4]]);
    await bed.report([load[7], load[7]]);
    await bed.report(referenceLoad(clean));
    await bed.waitForStatus(shuffled, 'invoice_posted');
    await bed.waitForStatus(clean, 'invoice_posted');

    const billed = async (shipmentId: string): Promise<unknown> => {
      const documents = await bed.erpDocumentsOf(shipmentId);
      expect(documents).toHaveLength(1);
      const { lines, taxCents, totalCents, carrier, purchaseOrder, customerId, type } = documents[0];

      return { lines, taxCents, totalCents, carrier, purchaseOrder, customerId, type };
    };
    expect(await billed(shuffled)).toEqual(await billed(clean));
  });

  it('shows every event received, status change, charge decision and ERP call on the timeline, in order, with correlation ids', async () => {
    const shipmentId = await bed.createShipment();
    await bed.report(referenceLoad(shipmentId));
    await bed.waitForStatus(shipmentId, 'invoice_posted');

    const timeline = (await bed.call('GET', `/process/v1/shipments/${shipmentId}/timeline?pageSize=100`)).body;
    const kinds: string[] = timeline.items.map((entry: { kind: string }) => entry.kind);
    expect(kinds[0]).toBe('erp.order_checked');
    expect(kinds.filter((kind) => kind === 'dispatch_event.received')).toHaveLength(8);
    expect(kinds).toEqual(expect.arrayContaining(['charges.rated', 'erp.tax_quoted', 'billing.assessed']));
    // The posting comes after the tax quote, and the last status change is to invoice_posted.
    expect(kinds.indexOf('erp.invoice_posted')).toBeGreaterThan(kinds.lastIndexOf('erp.tax_quoted'));
    const statuses = timeline.items
      .filter((entry: { kind: string }) => entry.kind === 'status.changed')
      .map((entry: { details: { to: string } }) => entry.details.to);
    // Billing may assess the delivered shipment before the proof of delivery is folded in (a hold awaiting it) or
    // after; either way the shipment passes through these statuses in this order and holds only between them.
    expect(statuses.filter((status: string) => status !== 'billing_hold')).toEqual([
      'dispatched',
      'in_transit',
      'delivered',
      'billing_ready',
      'invoice_posted',
    ]);
    expect(statuses.slice(statuses.indexOf('delivered') + 1, statuses.indexOf('billing_ready'))).toEqual(
      statuses.filter((status: string) => status === 'billing_hold'),
    );
    expect(timeline.items.every((entry: { correlationId: string | null }) => entry.correlationId !== null)).toBe(true);
  });
}
