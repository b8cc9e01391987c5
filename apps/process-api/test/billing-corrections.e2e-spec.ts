import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import { BillingBed, dispatchEvent, KNIGHT, referenceLoad } from './billing-fixtures.js';
import { startProcessLayer } from './process-layer.js';

describe('after an invoice is posted', () => {
  let app: TestApp;
  let bed: BillingBed;

  const posted = async (): Promise<string> => {
    const shipmentId = await bed.createShipment();
    await bed.report(referenceLoad(shipmentId));
    await bed.waitForStatus(shipmentId, 'invoice_posted');

    return shipmentId;
  };
  const settled = (shipmentId: string, documents: number): Promise<void> =>
    waitUntil(async () => {
      const rows = await bed.invoices(shipmentId);

      return rows.length === documents && rows.every((row) => row.status === 'posted' || row.status === 'credited');
    }, 20_000);

  beforeAll(async () => {
    // Two attempts a second apart, so that an ERP outage becomes a dead letter within the test.
    app = await startProcessLayer({ env: { BILLING_ATTEMPTS: '2', BILLING_RETRY_MAX_SECONDS: '1' } });
    bed = new BillingBed(app);
  });

  beforeEach(async () => {
    await bed.call('DELETE', '/sandbox/erp/faults');
  });

  afterAll(async () => {
    await bed?.expectNoDuplicateErpDocuments();
    await app?.dispose();
  });

  describe('a late accessorial approval', () => {
    it('credits the posted invoice in full and rebills it with the layover, the two linked', async () => {
      const shipmentId = await posted();
      const [original] = await bed.erpDocumentsOf(shipmentId);
      await bed.call('POST', `/process/v1/shipments/${shipmentId}/accessorials`, {
        accessorialId: 'ACC-LAYOVER-1',
        kind: 'layover',
        amountCents: 30_000,
        currency: 'USD',
        description: 'Consignee closed overnight',
      });
      await bed.waitForReadiness(shipmentId, (readiness) =>
        readiness.holds.some((hold: { reason: string }) => hold.reason === 'accessorial_pending'),
      );
      // While the layover waits for approval, the posted invoice stands alone.
      expect(await bed.erpDocumentsOf(shipmentId)).toHaveLength(1);
      await bed.call('POST', `/process/v1/shipments/${shipmentId}/accessorials/ACC-LAYOVER-1/approval`, {
        amountCents: 30_000,
        currency: 'USD',
      });
      await settled(shipmentId, 3);

      const documents = await bed.erpDocumentsOf(shipmentId);
      const creditMemo = documents.find((document) => document.type === 'credit_memo');
      const rebill = documents.find((document) => document.externalReference === `INV-${shipmentId}-v2`);
      expect(documents).toHaveLength(3);
      expect(creditMemo).toMatchObject({
        externalReference: `CM-${shipmentId}-v1`,
        creditsDocumentNumber: original.documentNumber,
        totalCents: -original.totalCents,
        taxCents: -original.taxCents,
      });
      expect(rebill).toMatchObject({ type: 'invoice', carrier: KNIGHT });
      expect(rebill!.lines.map((line) => [line.kind, line.amountCents])).toEqual([
        ...original.lines.map((line) => [line.kind, line.amountCents]),
        ['layover', 30_000],
      ]);
      expect(rebill!.totalCents).toBe(original.totalCents + 30_000 + 1_875);

      const invoices = await bed.invoices(shipmentId);
      expect(
        invoices.map(({ id, kind, status, correctsInvoiceId }) => ({ id, kind, status, correctsInvoiceId })),
      ).toEqual([
        { id: `INV-${shipmentId}-v1`, kind: 'invoice', status: 'credited', correctsInvoiceId: null },
        { id: `CM-${shipmentId}-v1`, kind: 'credit_memo', status: 'posted', correctsInvoiceId: `INV-${shipmentId}-v1` },
        { id: `INV-${shipmentId}-v2`, kind: 'rebill', status: 'posted', correctsInvoiceId: `INV-${shipmentId}-v1` },
      ]);
      const history = (await bed.call('GET', `/process/v1/shipments/${shipmentId}/events?pageSize=100`)).body.events;
      expect(
        history.find((event: { type: string }) => event.type === 'lanegate.invoice.credited.v1').data,
      ).toMatchObject({
        invoiceId: `INV-${shipmentId}-v1`,
        creditMemoId: `CM-${shipmentId}-v1`,
        rebillInvoiceId: `INV-${shipmentId}-v2`,
      });
      expect(await bed.status(shipmentId)).toBe('invoice_posted');
    });
  });

  describe('a reassignment corrected after delivery', () => {
    it('rebills the new carrier and miles once, and a repeat of the correction changes nothing', async () => {
      const shipmentId = await posted();
      const correction = dispatchEvent(
        shipmentId,
        'reassigned-corrected',
        'reassigned',
        '2026-12-08T15:00:00Z',
        { carrier: { scac: 'HJBT', name: 'J.B. Hunt Transport' }, routeMiles: 441 },
        9,
      );
      await bed.report([correction]);
      await settled(shipmentId, 3);
      await bed.report([correction]);
      await sleep(500);

      const rebill = (await bed.erpDocumentsOf(shipmentId)).find((d) => d.externalReference.endsWith('-v2'));
      expect(await bed.erpDocumentsOf(shipmentId)).toHaveLength(3);
      expect(rebill?.carrier).toEqual({ scac: 'HJBT', name: 'J.B. Hunt Transport' });
      expect(rebill?.lines[0]).toMatchObject({ kind: 'linehaul', quantity: 441, amountCents: 441 * 285 });
    });
  });

  describe('an ERP that stays unreachable', () => {
    it('gives up after the allowed attempts as a dead letter, then posts once when an operator replays it', async () => {
      const shipmentId = await bed.createShipment();
      await bed.deliverWhileErpDown(shipmentId);

      const letters = await bed.call('GET', '/process/v1/dead-letters?status=open&consumer=process.billing');
      const letter = letters.body.items.find((item: { subject: string }) => item.subject === shipmentId);
      expect(letter).toMatchObject({ consumer: 'process.billing', attempts: 2, status: 'open' });
      expect(await bed.erpDocumentsOf(shipmentId)).toEqual([]);
      const timeline = (await bed.call('GET', `/process/v1/shipments/${shipmentId}/timeline?pageSize=100`)).body;
      expect(timeline.items.map((entry: { kind: string }) => entry.kind)).toContain('billing.gave_up');

      await bed.call('DELETE', '/sandbox/erp/faults');
      const replay = await bed.replayAfterOutage(letter.id);

      expect(replay.status).toBe(200);
      await bed.waitForStatus(shipmentId, 'invoice_posted');
      expect(await bed.erpDocumentsOf(shipmentId)).toHaveLength(1);
      expect((await bed.readiness(shipmentId)).postingFailure).toBeNull();
    }, 60_000);
  });
});
