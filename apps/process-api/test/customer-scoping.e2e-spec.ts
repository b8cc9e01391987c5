import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import { BillingBed, referenceLoad } from './billing-fixtures.js';
import { startProcessLayer } from './process-layer.js';

/**
 * The reads a caller makes for one customer, as the experience layer does for a portal token: with `customerId`,
 * another customer's shipment or invoice answers 404 as if it did not exist. And the lists it pages through.
 */
describe('reads scoped to a customer', () => {
  let app: TestApp;
  let bed: BillingBed;
  let invoiced: string;
  let created: string;
  let invoiceId: string;

  beforeAll(async () => {
    app = await startProcessLayer();
    bed = new BillingBed(app);
    invoiced = await bed.createShipment();
    await bed.report(referenceLoad(invoiced));
    await bed.waitForStatus(invoiced, 'invoice_posted');
    created = await bed.createShipment();
    invoiceId = `INV-${invoiced}-v1`;
  });

  afterAll(async () => {
    await app?.dispose();
  });

  describe('GET /process/v1/shipments/{shipmentId}, /timeline and /invoices with customerId', () => {
    it("answers for the shipment's own customer", async () => {
      for (const path of ['', '/timeline', '/invoices']) {
        const reply = await bed.call('GET', `/process/v1/shipments/${invoiced}${path}?customerId=C-1001`);

        expect(reply.status, path).toBe(200);
      }
    });

    it('answers 404 for another customer, as if the shipment did not exist', async () => {
      for (const path of ['', '/timeline', '/invoices']) {
        const reply = await bed.call('GET', `/process/v1/shipments/${invoiced}${path}?customerId=C-1002`);

        expect(reply.status, path).toBe(404);
        expect(reply.body.code, path).toBe('SHIPMENT_NOT_FOUND');
      }
    });

    it('answers 400 naming customerId when it is malformed', async () => {
      const reply = await bed.call('GET', `/process/v1/shipments/${invoiced}?customerId=c 1001`);

      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((error: { field: string }) => error.field)).toEqual(['customerId']);
    });
  });

  describe('GET /process/v1/shipments/{shipmentId}/timeline with kind', () => {
    it('reads only the entries of that kind, and counts only those', async () => {
      const { body } = await bed.call('GET', `/process/v1/shipments/${invoiced}/timeline?kind=status.changed`);

      expect(body.items.map((entry: { details: { to: string } }) => entry.details.to)).toEqual([
        'dispatched',
        'in_transit',
        'delivered',
        'billing_ready',
        'invoice_posted',
      ]);
      expect(body.total).toBe(5);
    });
  });

  describe('GET /process/v1/shipments with createdFrom and createdTo', () => {
    it('keeps the shipments created from the first instant and before the second', async () => {
      const createdAt = async (id: string): Promise<string> =>
        (await bed.call('GET', `/process/v1/shipments/${id}`)).body.createdAt as string;
      const ids = async (query: string): Promise<string[]> =>
        (await bed.call('GET', `/process/v1/shipments?customerId=C-1001&${query}`)).body.items.map(
          (item: { id: string }) => item.id,
        );

      expect(await ids(`createdFrom=${await createdAt(created)}`)).toEqual([created]);
      expect(await ids(`createdTo=${await createdAt(created)}`)).toEqual([invoiced]);
      expect(await ids(`createdFrom=${await createdAt(invoiced)}&createdTo=2100-01-01`)).toEqual([created, invoiced]);
    });

    it('answers 400 naming the field for a date that is not ISO 8601', async () => {
      const reply = await bed.call('GET', '/process/v1/shipments?createdFrom=12/01/2026');

      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((error: { field: string }) => error.field)).toEqual(['createdFrom']);
    });
  });

  describe('GET /process/v1/invoices', () => {
    it('filters by customer, shipment, ERP document number, kind and whether the ERP holds the document', async () => {
      const ids = async (query: string): Promise<string[]> =>
        (await bed.call('GET', `/process/v1/invoices?${query}`)).body.items.map((item: { id: string }) => item.id);
      const [document] = await bed.invoices(invoiced);

      expect(await ids('customerId=C-1001')).toEqual([invoiceId]);
      expect(await ids('customerId=C-1002')).toEqual([]);
      expect(await ids(`shipmentId=${invoiced}&inErp=true`)).toEqual([invoiceId]);
      expect(await ids(`shipmentId=${invoiced}&inErp=false`)).toEqual([]);
      expect(await ids(`erpDocumentNumber=${document.erpDocumentNumber}`)).toEqual([invoiceId]);
      expect(await ids('kind=credit_memo')).toEqual([]);
      expect(await ids(`shipmentId=${created}`)).toEqual([]);
    });

    it('answers 400 naming the field for an unknown kind', async () => {
      const reply = await bed.call('GET', '/process/v1/invoices?kind=refund');

      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((error: { field: string }) => error.field)).toEqual(['kind']);
    });
  });

  describe('GET /process/v1/invoices/{invoiceId}', () => {
    it('reads one document, for its customer, and answers 404 for another', async () => {
      const own = await bed.call('GET', `/process/v1/invoices/${invoiceId}?customerId=C-1001`);
      const other = await bed.call('GET', `/process/v1/invoices/${invoiceId}?customerId=C-1002`);

      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: invoiceId, shipmentId: invoiced, customerId: 'C-1001', status: 'posted' });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('INVOICE_NOT_FOUND');
    });
  });
});
