import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import { BillingBed, dispatchEvent, referenceLoad } from './billing-fixtures.js';
import { STOPS } from './dispatch-fixtures.js';
import { startProcessLayer } from './process-layer.js';

const RANGE = { from: '2026-11-01T00:00:00Z', to: '2026-12-31T00:00:00Z' };

describe('POST /process/v1/reconciliations', () => {
  let app: TestApp;
  let bed: BillingBed;

  const reconcile = async (range = RANGE): Promise<any> => {
    const answer = await bed.call('POST', '/process/v1/reconciliations', range);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);

    return answer.body;
  };
  const invoicedShipment = async (): Promise<string> => {
    const shipmentId = await bed.createShipment();
    await bed.report(referenceLoad(shipmentId));
    await bed.waitForStatus(shipmentId, 'invoice_posted');

    return shipmentId;
  };
  const kindsFor = (report: any, shipmentId: string): string[] =>
    report.discrepancies
      .filter((discrepancy: { shipmentId: string }) => discrepancy.shipmentId === shipmentId)
      .map((discrepancy: { kind: string }) => discrepancy.kind)
      .sort();

  beforeAll(async () => {
    app = await startProcessLayer({ env: { RECONCILIATION_UNINVOICED_AFTER_HOURS: '24' } });
    bed = new BillingBed(app);
  });

  afterAll(async () => {
    await app?.dispose();
  });

  describe('success', () => {
    it('finds nothing to report when delivered, posted and ERP books agree', async () => {
      const shipmentId = await invoicedShipment();
      const report = await reconcile();

      expect(report).toMatchObject({ status: 'completed', requestedBy: 'billing-tests' });
      expect(kindsFor(report, shipmentId)).toEqual([]);
      expect(report.counts.lanegatePostings).toBeGreaterThanOrEqual(1);
      expect(report.counts.erpDocuments).toBe(report.counts.lanegatePostings);
      expect((await bed.call('GET', `/process/v1/reconciliations/${report.id}`)).body).toEqual(report);
    });

    it('reports a delivered shipment left uninvoiced for more than the configured hours', async () => {
      const stops = STOPS.map((stop, index) => ({ ...stop, appointmentAt: `2026-11-${23 + index}T14:00:00Z` }));
      const shipmentId = await bed.createShipment({ stops });
      await bed.report([
        dispatchEvent(
          shipmentId,
          'a',
          'assigned',
          '2026-11-23T10:00:00Z',
          { carrier: { scac: 'SWFT', name: 'Swift' }, routeMiles: 410 },
          1,
        ),
        dispatchEvent(shipmentId, 'd1', 'departed_stop', '2026-11-23T15:00:00Z', { stopSequence: 1 }, 2),
        dispatchEvent(shipmentId, 'del', 'delivered', '2026-11-24T14:30:00Z', {}, 3),
      ]);
      await bed.waitForStatus(shipmentId, 'billing_hold');

      expect(kindsFor(await reconcile(), shipmentId)).toEqual(['delivered_not_invoiced']);
    });

    it('reports an amount that differs and a shipment the ERP bills twice', async () => {
      const differs = await invoicedShipment();
      const doubled = await invoicedShipment();
      // Lanegate's record of one invoice was changed, and someone keyed another into the ERP a second time.
      const dataSource = app.app.get<DataSource>(getDataSourceToken('process'));
      await dataSource.query(`UPDATE invoices SET total_cents = total_cents + 100 WHERE shipment_id = ?`, [differs]);
      const [original] = await bed.erpDocumentsOf(doubled);
      const manual = await bed.call('POST', '/system/v1/erp/invoices', {
        invoiceId: `INV-${doubled}-v1-manual`,
        customerId: 'C-1001',
        currency: 'USD',
        issuedAt: '2026-12-08T16:00:00Z',
        lines: original.lines,
        taxCents: original.taxCents,
        totalCents: original.totalCents,
      });
      expect(manual.status).toBe(201);

      const report = await reconcile();

      expect(kindsFor(report, differs)).toEqual(['amount_differs']);
      const [differing] = await bed.erpDocumentsOf(differs);
      expect(report.discrepancies).toContainEqual(
        expect.objectContaining({
          kind: 'amount_differs',
          documentId: `INV-${differs}-v1`,
          lanegateTotalCents: differing.totalCents + 100,
          erpTotalCents: differing.totalCents,
        }),
      );
      expect(kindsFor(report, doubled)).toEqual(['duplicate_in_erp', 'not_in_lanegate']);
      expect(report.discrepancies).toContainEqual(
        expect.objectContaining({
          kind: 'duplicate_in_erp',
          shipmentId: doubled,
          erpDocumentNumbers: [original.documentNumber, manual.body.documentNumber],
        }),
      );
    });

    // Last: the ERP loses every document it holds.
    it('reports invoices the ERP no longer lists as missing in the ERP', async () => {
      const shipmentId = await invoicedShipment();
      const [posted] = await bed.erpDocumentsOf(shipmentId);
      await bed.call('POST', '/sandbox/erp/reset');

      const report = await reconcile();

      expect(kindsFor(report, shipmentId)).toEqual(['missing_in_erp']);
      expect(report.discrepancies).toContainEqual(
        expect.objectContaining({
          kind: 'missing_in_erp',
          documentId: `INV-${shipmentId}-v1`,
          erpDocumentNumbers: [posted.documentNumber],
          lanegateTotalCents: posted.totalCents,
        }),
      );
      expect(report.counts.erpDocuments).toBe(0);
    });
  });

  describe('failure', () => {
    it('answers 400 naming the field for a range that ends before it starts', async () => {
      const answer = await bed.call('POST', '/process/v1/reconciliations', { from: RANGE.to, to: RANGE.from });

      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].field).toBe('to');
    });

    it('keeps a run whose ERP reads fail as failed, saying why', async () => {
      const now = Date.now();
      await bed.setErpFaults({
        maintenance: { startsAt: new Date(now - 1_000).toISOString(), endsAt: new Date(now + 60_000).toISOString() },
      });
      const report = await reconcile();
      await bed.call('DELETE', '/sandbox/erp/faults');

      expect(report).toMatchObject({ status: 'failed', discrepancies: [] });
      expect(report.error).toEqual(expect.any(String));
    }, 60_000);
  });
});
