import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CARRIER_B, REFERENCE_LOAD_INVOICE_LINES, REFERENCE_LOAD_TAX_CENTS } from '@lanegate/domain/testing';
import type { TestApp } from '@lanegate/platform/testing';

import { PORTAL_TIMELINE_KINDS } from '../src/portal/portal-shipment.dto.js';
import { startExperienceLayer } from './experience-layer.js';
import { PortalBed } from './portal-fixtures.js';

/** The customer portal over every layer: shipments seeded through the process API, read with portal tokens. */
describe('customer portal', () => {
  let app: TestApp;
  let bed: PortalBed;
  let invoiced: string;
  let created: string;

  beforeAll(async () => {
    app = await startExperienceLayer();
    bed = new PortalBed(app);
    invoiced = await bed.invoicedShipment('midwest');
    created = await bed.createShipment('midwest');
    await bed.createShipment('lakeshore');
  });

  afterAll(async () => {
    await app?.dispose();
  });

  describe('GET /experience/v1/portal/shipments', () => {
    it("lists the token's customer's shipments only, newest first", async () => {
      const { status, body } = await bed.portal('midwest', '/experience/v1/portal/shipments');

      expect(status).toBe(200);
      expect(body).toMatchObject({ total: 2, page: 1, pageSize: 25 });
      expect(body.items.map((item: { id: string }) => item.id)).toEqual([created, invoiced]);
      expect(body.items[1]).toEqual({
        id: invoiced,
        status: 'invoice_posted',
        purchaseOrder: 'PO-88123',
        createdAt: expect.any(String),
      });
    });

    it('filters by canonical status', async () => {
      const { body } = await bed.portal('midwest', '/experience/v1/portal/shipments?status=invoice_posted');

      expect(body.items.map((item: { id: string }) => item.id)).toEqual([invoiced]);
      expect(body.total).toBe(1);
    });

    it('filters by creation time, from inclusive and to exclusive', async () => {
      const { body: all } = await bed.portal('midwest', '/experience/v1/portal/shipments');
      const [newest, oldest] = all.items.map((item: { createdAt: string }) => item.createdAt);
      const at = (query: string) => bed.portal('midwest', `/experience/v1/portal/shipments?${query}`);

      expect((await at(`createdFrom=${newest}`)).body.items.map((item: { id: string }) => item.id)).toEqual([created]);
      expect((await at(`createdTo=${newest}`)).body.items.map((item: { id: string }) => item.id)).toEqual([invoiced]);
      expect((await at(`createdFrom=${oldest}&createdTo=2100-01-01`)).body.total).toBe(2);
      expect((await at('createdTo=2020-01-01T00:00:00Z')).body).toMatchObject({ items: [], total: 0 });
    });

    it('answers 400 problem+json naming the field for a bad date, a time without zone, or an unknown status', async () => {
      for (const [query, field] of [
        ['createdFrom=yesterday', 'createdFrom'],
        ['createdTo=2026-13-45', 'createdTo'],
        ['createdFrom=2026-12-01T00:00:00', 'createdFrom'],
        ['status=lost', 'status'],
      ]) {
        const reply = await bed.portal('midwest', `/experience/v1/portal/shipments?${query}`);

        expect(reply.status, query).toBe(400);
        expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(reply.body.code).toBe('VALIDATION_FAILED');
        expect(reply.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
      }
    });
  });

  describe('GET /experience/v1/portal/shipments/{shipmentId}', () => {
    it('shows status, PO, stops with their times, carrier, miles, delivery and proof of delivery', async () => {
      const { status, body } = await bed.portal('midwest', `/experience/v1/portal/shipments/${invoiced}`);

      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: invoiced,
        status: 'invoice_posted',
        purchaseOrder: 'PO-88123',
        carrier: CARRIER_B,
        routeMiles: 436,
        proofOfDeliveryCaptured: true,
      });
      expect(Date.parse(body.deliveredAt)).toBe(Date.parse('2026-12-08T12:40:00Z'));
      expect(body.stops).toHaveLength(2);
      expect(body.stops[1]).toMatchObject({ sequence: 2, kind: 'delivery', name: 'Buckeye Grocers', city: 'Columbus' });
      expect(Date.parse(body.stops[1].arrivedAt)).toBe(Date.parse('2026-12-08T09:50:00Z'));
      expect(Date.parse(body.stops[1].departedAt)).toBe(Date.parse('2026-12-08T13:00:00Z'));
      expect(body).not.toHaveProperty('quote');
      expect(body).not.toHaveProperty('correlationId');
      expect(body).not.toHaveProperty('customerId');
    });

    it('has a timeline of customer-facing facts only, in time order', async () => {
      const { body } = await bed.portal('midwest', `/experience/v1/portal/shipments/${invoiced}`);
      const kinds: string[] = body.timeline.map((entry: { kind: string }) => entry.kind);

      expect(kinds.filter((kind) => !(PORTAL_TIMELINE_KINDS as readonly string[]).includes(kind))).toEqual([]);
      expect(kinds.filter((kind) => kind === 'arrived')).toHaveLength(2);
      expect(kinds.filter((kind) => kind === 'departed')).toHaveLength(2);
      expect(kinds).toEqual(expect.arrayContaining(['delivered', 'proof_of_delivery_captured', 'invoice_posted']));
      expect(
        body.timeline.filter((entry: { kind: string }) => entry.kind === 'status_changed').map((e: any) => e.status),
      ).toEqual(['dispatched', 'in_transit', 'delivered', 'billing_ready', 'invoice_posted']);
      const times = body.timeline.map((entry: { at: string }) => Date.parse(entry.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const posted = body.timeline.find((entry: { kind: string }) => entry.kind === 'invoice_posted');
      expect(posted).toMatchObject({ invoiceId: `INV-${invoiced}-v1`, erpDocumentNumber: expect.any(String) });
      // Nothing of the events' processing, the rating or the ERP calls.
      const text = JSON.stringify(body.timeline);
      for (const internal of ['acme-tms', 'duplicate', 'cents/mi', 'tax quote', 'correlation', 'lanegate.']) {
        expect(text, internal).not.toContain(internal);
      }
    });

    it('answers 404 problem+json for a shipment that does not exist', async () => {
      const reply = await bed.portal('midwest', '/experience/v1/portal/shipments/SHP-nowhere');

      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('SHIPMENT_NOT_FOUND');
    });
  });

  describe('GET /experience/v1/portal/shipments/{shipmentId}/proof-of-delivery', () => {
    it('gives when and by whom the receipt was signed, and where the platform keeps its image', async () => {
      const { status, body } = await bed.portal(
        'midwest',
        `/experience/v1/portal/shipments/${invoiced}/proof-of-delivery`,
      );

      expect(status).toBe(200);
      expect(body).toMatchObject({
        shipmentId: invoiced,
        signedBy: 'M. Alvarez',
        documentUrl: 'https://pod.example.com/7781.pdf',
      });
      expect(Date.parse(body.capturedAt)).toBe(Date.parse('2026-12-08T13:20:00Z'));
    });

    it('answers 404 problem+json while no proof of delivery is captured', async () => {
      const reply = await bed.portal('midwest', `/experience/v1/portal/shipments/${created}/proof-of-delivery`);

      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(reply.body.code).toBe('PROOF_OF_DELIVERY_NOT_FOUND');
    });
  });

  describe('invoices', () => {
    it("GET /experience/v1/portal/shipments/{shipmentId}/invoices lists the shipment's posted invoice in cents", async () => {
      const { status, body } = await bed.portal('midwest', `/experience/v1/portal/shipments/${invoiced}/invoices`);

      expect(status).toBe(200);
      expect(body.items).toHaveLength(1);
      const [invoice] = body.items;
      const subtotal = REFERENCE_LOAD_INVOICE_LINES.reduce((sum, line) => sum + line.amountCents, 0);
      expect(invoice).toMatchObject({
        id: `INV-${invoiced}-v1`,
        kind: 'invoice',
        shipmentId: invoiced,
        status: 'posted',
        erpDocumentNumber: expect.stringMatching(/\S/),
        purchaseOrder: 'PO-88123',
        carrier: CARRIER_B,
        subtotalCents: subtotal,
        taxCents: REFERENCE_LOAD_TAX_CENTS,
        totalCents: subtotal + REFERENCE_LOAD_TAX_CENTS,
        currency: 'USD',
      });
      expect(
        invoice.lines.map(({ kind, quantity, unit, rateCents, amountCents }: any) => ({
          kind,
          quantity,
          unit,
          rateCents,
          amountCents,
        })),
      ).toEqual(REFERENCE_LOAD_INVOICE_LINES);
      expect(invoice).not.toHaveProperty('rejection');
    });

    it('GET /experience/v1/portal/invoices/{invoiceId} reads one document', async () => {
      const { status, body } = await bed.portal('midwest', `/experience/v1/portal/invoices/INV-${invoiced}-v1`);

      expect(status).toBe(200);
      expect(body).toMatchObject({
        id: `INV-${invoiced}-v1`,
        shipmentId: invoiced,
        taxCents: REFERENCE_LOAD_TAX_CENTS,
      });
    });

    it('GET /experience/v1/portal/invoices pages through the customer’s documents, by shipment if asked', async () => {
      const all = await bed.portal('midwest', '/experience/v1/portal/invoices');
      const ofCreated = await bed.portal('midwest', `/experience/v1/portal/invoices?shipmentId=${created}`);

      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 1, page: 1, pageSize: 25 });
      expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([`INV-${invoiced}-v1`]);
      expect(ofCreated.body).toMatchObject({ items: [], total: 0 });
    });

    it('shows a correction after posting as the credited invoice, its credit memo and the rebill, linked', async () => {
      const shipmentId = await bed.invoicedShipment('midwest');
      await bed.correctWithLayover(shipmentId);
      const { body } = await bed.portal('midwest', `/experience/v1/portal/shipments/${shipmentId}/invoices`);
      const { body: shipment } = await bed.portal('midwest', `/experience/v1/portal/shipments/${shipmentId}`);
      const [invoice, creditMemo, rebill] = body.items;

      expect(body.items.map((item: any) => [item.id, item.kind, item.status])).toEqual([
        [`INV-${shipmentId}-v1`, 'invoice', 'credited'],
        [`CM-${shipmentId}-v1`, 'credit_memo', 'posted'],
        [`INV-${shipmentId}-v2`, 'rebill', 'posted'],
      ]);
      expect(creditMemo).toMatchObject({
        correctsInvoiceId: invoice.id,
        totalCents: -invoice.totalCents,
        taxCents: -invoice.taxCents,
      });
      expect(rebill.correctsInvoiceId).toBe(invoice.id);
      expect(rebill.lines.map((line: { kind: string }) => line.kind)).toContain('layover');
      expect(shipment.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(
        expect.arrayContaining(['invoice_posted', 'credit_memo_posted', 'rebill_posted']),
      );
    });

    it('answers 404 problem+json for an invoice that does not exist', async () => {
      const reply = await bed.portal('midwest', '/experience/v1/portal/invoices/INV-nowhere-v1');

      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('INVOICE_NOT_FOUND');
    });
  });
});
