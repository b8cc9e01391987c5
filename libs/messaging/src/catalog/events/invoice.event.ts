import type { CurrencyCode, InvoiceKind } from '@lanegate/domain';

import { defineEvent, type EventDefinition } from '../event-catalog.js';
import { currencyCode, enumOf, integer, objectSchema, optional, text } from '../json-schema.js';

/** What `lanegate.invoice.posted.v1` posts; credit memos have their own event, `lanegate.invoice.credited.v1`. */
export const POSTED_INVOICE_KINDS = ['invoice', 'rebill'] as const satisfies readonly InvoiceKind[];

/** The `data` of `lanegate.invoice.posted.v1`. */
export interface InvoicePostedData {
  /** Lanegate's invoice id, also the idempotency key of the ERP posting. */
  readonly invoiceId: string;
  /** An original invoice, or the rebill that replaces a credited one. */
  readonly kind: (typeof POSTED_INVOICE_KINDS)[number];
  readonly shipmentVersion: number;
  readonly erpDocumentNumber: string;
  readonly totalCents: number;
  readonly currency: CurrencyCode;
}

/** The `data` of `lanegate.invoice.credited.v1`. */
export interface InvoiceCreditedData {
  /** The posted invoice (or rebill) the credit memo reverses. */
  readonly invoiceId: string;
  readonly creditMemoId: string;
  readonly erpDocumentNumber: string;
  /** Zero or negative: a credit memo's amounts are negative. */
  readonly totalCents: number;
  readonly currency: CurrencyCode;
  /** The rebill that replaces the credited invoice; absent when nothing replaces it. */
  readonly rebillInvoiceId?: string;
}

/** Postings to the ERP, the system of record. */
export const INVOICE_EVENTS: readonly EventDefinition[] = [
  defineEvent<InvoicePostedData>({
    type: 'lanegate.invoice.posted.v1',
    summary: 'An invoice was posted to the ERP.',
    description:
      'The ERP accepted the invoice (or a rebill) for one version of the shipment. An invoice is posted once per ' +
      'shipment version; a later change is a credit memo plus a rebill.',
    schema: objectSchema<InvoicePostedData>({
      invoiceId: text("Lanegate's invoice id, also the idempotency key of the ERP posting."),
      kind: enumOf(POSTED_INVOICE_KINDS, 'An original invoice, or the rebill that replaces a credited one.'),
      shipmentVersion: integer('The shipment version the invoice bills.', { minimum: 1 }),
      erpDocumentNumber: text("The ERP's document number for the posted invoice."),
      totalCents: integer('Total including tax, in integer cents.', { minimum: 0 }),
      currency: currencyCode(),
    }),
    example: {
      invoiceId: 'INV-2026-000381',
      kind: 'invoice',
      shipmentVersion: 3,
      erpDocumentNumber: 'ERP-90017734',
      totalCents: 241850,
      currency: 'USD',
    },
  }),
  defineEvent<InvoiceCreditedData>({
    type: 'lanegate.invoice.credited.v1',
    summary: 'A posted invoice was credited.',
    description:
      'The ERP accepted a credit memo that reverses a posted invoice, because the shipment changed after posting. ' +
      'Posted invoices are never edited; the corrected amount is billed by the linked rebill.',
    schema: objectSchema<InvoiceCreditedData>({
      invoiceId: text('The posted invoice the credit memo reverses.'),
      creditMemoId: text("Lanegate's id of the credit memo."),
      erpDocumentNumber: text("The ERP's document number for the credit memo."),
      totalCents: integer('Total of the credit memo in integer cents: zero or negative.', { maximum: 0 }),
      currency: currencyCode(),
      rebillInvoiceId: optional(text('The rebill that replaces the credited invoice; absent when nothing does.')),
    }),
    example: {
      invoiceId: 'INV-2026-000381',
      creditMemoId: 'CM-2026-000052',
      erpDocumentNumber: 'ERP-90018102',
      totalCents: -241850,
      currency: 'USD',
      rebillInvoiceId: 'INV-2026-000412',
    },
  }),
];
