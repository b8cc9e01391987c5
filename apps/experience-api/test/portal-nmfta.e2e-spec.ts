import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import { invoiceAndDocumentSchemas } from '../src/portal/nmfta/nmfta-standard.js';
import { startExperienceLayer } from './experience-layer.js';
import { PortalBed } from './portal-fixtures.js';

/** The standard's own schemas, as vendored beside the portal's NMFTA mapping. */
const STANDARD = invoiceAndDocumentSchemas();
const validInvoice = STANDARD.validator('Invoice');
const validDocumentResponse = STANDARD.validator('DocumentResponse');

function expectValid(validate: typeof validInvoice, value: unknown): void {
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
}

/** Cents from the standard's decimal string, by its digits: `-1622.31` is -162231. */
function cents(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  expect(fraction).toHaveLength(2);

  return BigInt(`${whole}${fraction}`);
}

function pdfText(content: string): string {
  return Buffer.from(content, 'base64').toString('latin1');
}

describe('customer portal in the NMFTA Invoice & Documents shapes', () => {
  let app: TestApp;
  let bed: PortalBed;
  let invoiced: string;
  let corrected: string;
  let invoiceNumber: string;

  beforeAll(async () => {
    app = await startExperienceLayer();
    bed = new PortalBed(app);
    invoiced = await bed.invoicedShipment('midwest');
    corrected = await bed.invoicedShipment('midwest');
    await bed.correctWithLayover(corrected);
    const { body } = await bed.portal('midwest', `/experience/v1/portal/invoices/INV-${invoiced}-v1`);
    invoiceNumber = body.erpDocumentNumber as string;
  });

  afterAll(async () => {
    await app?.dispose();
  });

  describe('GET /experience/v1/portal/nmfta/invoices/{uniqueID}', () => {
    it("answers the standard's Invoice, with decimal amounts that add up to the cents billed", async () => {
      const { status, body } = await bed.portal('midwest', `/experience/v1/portal/nmfta/invoices/INV-${invoiced}-v1`);
      const { body: portal } = await bed.portal('midwest', `/experience/v1/portal/invoices/INV-${invoiced}-v1`);

      expect(status).toBe(200);
      expectValid(validInvoice, body);
      expect(body).toMatchObject({
        uniqueID: `INV-${invoiced}-v1`,
        shipmentID: invoiced,
        DOT: '',
        MC: '',
        invoiceHeader: {
          consignor: { consignorName: 'Midwest Paper DC', address: { locality: 'Chicago', countryCode: 'USA' } },
          consignee: { consigneeName: 'Buckeye Grocers', address: { adminArea1: 'OH', postalCode: '43215' } },
          terms: { billingTerms: 'Prepaid' },
          invoiceNumber,
          invoiceDate: portal.issuedAt.slice(0, 10),
          invoiceAmount: { currencyCode: 'USD', value: '1622.31' },
        },
      });
      expect(body.invoiceCharges.map((charge: any) => [charge.chargeCode, charge.cost.value])).toEqual([
        ['LINEHAUL', '1242.60'],
        ['FUEL_SURCHARGE', '209.28'],
        ['DETENTION', '75.00'],
        ['TAX', '95.43'],
      ]);
      const total = body.invoiceCharges.reduce((sum: bigint, charge: any) => sum + cents(charge.cost.value), 0n);
      expect(total).toBe(BigInt(portal.totalCents));
      expect(cents(body.invoiceHeader.invoiceAmount.value)).toBe(BigInt(portal.totalCents));
      expect(body.attributes).toEqual(
        expect.arrayContaining([
          { type: 'carrierSCAC', value: 'KNXT' },
          { type: 'purchaseOrder', value: 'PO-88123' },
          { type: 'documentKind', value: 'invoice' },
        ]),
      );
    });

    it('answers a credit memo with negative amounts and names the invoice it corrects', async () => {
      const { status, body } = await bed.portal('midwest', `/experience/v1/portal/nmfta/invoices/CM-${corrected}-v1`);

      expect(status).toBe(200);
      expectValid(validInvoice, body);
      expect(body.invoiceHeader.invoiceAmount.value).toBe('-1622.31');
      expect(body.invoiceCharges.every((charge: any) => charge.cost.value.startsWith('-'))).toBe(true);
      expect(body.attributes).toEqual(
        expect.arrayContaining([
          { type: 'documentKind', value: 'credit_memo' },
          { type: 'correctsUniqueID', value: `INV-${corrected}-v1` },
        ]),
      );
    });

    it('answers 404 problem+json for an invoice that does not exist', async () => {
      const reply = await bed.portal('midwest', '/experience/v1/portal/nmfta/invoices/INV-nowhere-v1');

      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });

  describe('GET /experience/v1/portal/nmfta/invoices', () => {
    it("lists every document, each a valid Invoice, and filters by the standard's identifiers", async () => {
      const all = await bed.portal('midwest', '/experience/v1/portal/nmfta/invoices');
      const ofShipment = await bed.portal('midwest', `/experience/v1/portal/nmfta/invoices?shipmentID=${corrected}`);
      const byNumber = await bed.portal(
        'midwest',
        `/experience/v1/portal/nmfta/invoices?invoiceNumber=${invoiceNumber}`,
      );
      const byId = await bed.portal('midwest', `/experience/v1/portal/nmfta/invoices?uniqueID=INV-${invoiced}-v1`);
      const byDot = await bed.portal('midwest', '/experience/v1/portal/nmfta/invoices?DOT=1234567');

      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(4);
      for (const invoice of all.body) {
        expectValid(validInvoice, invoice);
      }
      expect(ofShipment.body.map((invoice: { uniqueID: string }) => invoice.uniqueID).sort()).toEqual(
        [`CM-${corrected}-v1`, `INV-${corrected}-v1`, `INV-${corrected}-v2`].sort(),
      );
      expect(byNumber.body.map((invoice: { uniqueID: string }) => invoice.uniqueID)).toEqual([`INV-${invoiced}-v1`]);
      expect(byId.body.map((invoice: { uniqueID: string }) => invoice.uniqueID)).toEqual([`INV-${invoiced}-v1`]);
      // Lanegate holds no USDOT numbers, so none matches.
      expect(byDot.body).toEqual([]);
    });
  });

  describe('GET /experience/v1/portal/nmfta/documents/{invoiceNumber}', () => {
    it("answers the standard's DocumentResponse with the invoice and the proof of delivery as generated PDFs", async () => {
      const { status, body } = await bed.portal('midwest', `/experience/v1/portal/nmfta/documents/${invoiceNumber}`);

      expect(status).toBe(200);
      expectValid(validDocumentResponse, body);
      expect(body).toMatchObject({ uniqueID: `INV-${invoiced}-v1`, shipmentID: invoiced, invoiceNumber });
      expect(body.documents.map((document: { documentType: string }) => document.documentType)).toEqual(['INV', 'POD']);
      const [invoicePdf, podPdf] = body.documents.map((document: any) => pdfText(document.files[0].content));
      expect(invoicePdf.startsWith('%PDF-1.4')).toBe(true);
      expect(invoicePdf).toContain(`(Total 1622.31 USD) '`);
      expect(podPdf.startsWith('%PDF-1.4')).toBe(true);
      expect(podPdf).toContain('Receipt signed by M. Alvarez at 2026-12-08T13:20:00');
      expect(podPdf).toContain('https://pod.example.com/7781.pdf');
      expect(podPdf).toContain('This record is not the signed receipt image.');
      expect(body.attributes).toEqual(
        expect.arrayContaining([
          { type: 'contentType', value: 'application/pdf' },
          { type: 'podSignedBy', value: 'M. Alvarez' },
          { type: 'podImageReference', value: 'https://pod.example.com/7781.pdf' },
        ]),
      );
    });

    it('answers 404 problem+json for an invoice number that is not the customer’s', async () => {
      const reply = await bed.portal('midwest', '/experience/v1/portal/nmfta/documents/INV-999999');

      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe('INVOICE_NOT_FOUND');
    });
  });

  describe('GET /experience/v1/portal/nmfta/documents', () => {
    it('lists documents per invoice, each a valid DocumentResponse, filtered by type', async () => {
      const all = await bed.portal('midwest', '/experience/v1/portal/nmfta/documents');
      const pods = await bed.portal(
        'midwest',
        `/experience/v1/portal/nmfta/documents?invoiceNumber=${invoiceNumber}&documentType=POD`,
      );
      const bills = await bed.portal('midwest', '/experience/v1/portal/nmfta/documents?documentType=BOL');

      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(4);
      for (const response of [...all.body, ...pods.body]) {
        expectValid(validDocumentResponse, response);
      }
      expect(pods.body).toHaveLength(1);
      expect(pods.body[0].documents.map((document: { documentType: string }) => document.documentType)).toEqual([
        'POD',
      ]);
      // Lanegate holds no bill of lading.
      expect(bills.body).toEqual([]);
    });

    it('answers 400 problem+json for a document type the standard does not know', async () => {
      const reply = await bed.portal('midwest', '/experience/v1/portal/nmfta/documents?documentType=SELFIE');

      expect(reply.status).toBe(400);
      expect(reply.body.errors.map((error: { field: string }) => error.field)).toEqual(['documentType']);
    });
  });
});
