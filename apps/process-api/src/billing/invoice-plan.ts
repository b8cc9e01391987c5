import { type Charge, createInvoice, decideInvoiceCorrection, type Invoice } from '@lanegate/domain';

import type { InvoiceEntity } from './invoice.entity.js';

/** What the shipment's invoices need next to bill what it is rated at now. */
export type PostingStep =
  | { readonly action: 'none' }
  | { readonly action: 'post_invoice'; readonly invoice: Invoice }
  | { readonly action: 'post_credit_memo'; readonly creditMemo: Invoice; readonly credits: InvoiceEntity };

/** The content of the invoice the shipment should have now: its charges and tax. */
export interface RatedContent {
  readonly shipmentId: string;
  readonly customerId: string;
  readonly poNumber: string | null;
  readonly currency: string;
  readonly charges: readonly Charge[];
  readonly taxCents: number;
}

export function invoiceId(shipmentId: string, version: number): string {
  return `INV-${shipmentId}-v${version}`;
}

export function creditMemoId(shipmentId: string, creditedVersion: number): string {
  return `CM-${shipmentId}-v${creditedVersion}`;
}

/** A stored invoice row in the domain's terms; a row still posting is a draft. */
export function invoiceOf(row: InvoiceEntity): Invoice {
  return {
    id: row.id,
    kind: row.kind,
    shipmentId: row.shipmentId,
    shipmentVersion: row.version,
    customerId: row.customerId,
    correctsInvoiceId: row.correctsInvoiceId,
    poNumber: row.poNumber,
    lines: JSON.parse(row.lines) as Charge[],
    subtotalCents: row.subtotalCents,
    taxCents: row.taxCents,
    totalCents: row.totalCents,
    currency: row.currency,
    status: row.status === 'posting' ? 'draft' : row.status,
  };
}

/**
 * The next posting that brings the ERP in line with the shipment's rating. Posted invoices are never edited:
 * - nothing posted yet: post invoice v1 (or, after a credit memo, the rebill of the next version);
 * - an invoice stands and bills the same: nothing;
 * - an invoice stands and the rating changed: credit it in full first; the rebill follows on the next step.
 * Called again after each posting until it answers `none`.
 */
export function nextPostingStep(rows: readonly InvoiceEntity[], rated: RatedContent): PostingStep {
  const billed = rows.filter((row) => row.kind !== 'credit_memo');
  const standing = latest(billed.filter((row) => row.status === 'posted'));
  if (standing !== undefined) {
    const rerated = draftOf(rated, standing.version + 1, standing.id);
    const decision = decideInvoiceCorrection({
      posted: invoiceOf(standing),
      rerated,
      creditMemoId: creditMemoId(rated.shipmentId, standing.version),
    });

    return decision.action === 'credit_and_rebill'
      ? { action: 'post_credit_memo', creditMemo: decision.creditMemo, credits: standing }
      : { action: 'none' };
  }

  const credited = latest(billed.filter((row) => row.status === 'credited'));
  const version = (credited?.version ?? 0) + 1;

  return { action: 'post_invoice', invoice: draftOf(rated, version, credited?.id) };
}

/** Whether a stored row carries exactly the billed content of `invoice`. */
export function sameContent(row: InvoiceEntity, invoice: Invoice): boolean {
  return billedContent(invoiceOf(row)) === billedContent(invoice);
}

function draftOf(rated: RatedContent, version: number, corrects: string | undefined): Invoice {
  return createInvoice({
    id: invoiceId(rated.shipmentId, version),
    kind: corrects === undefined ? 'invoice' : 'rebill',
    shipmentId: rated.shipmentId,
    shipmentVersion: version,
    customerId: rated.customerId,
    correctsInvoiceId: corrects,
    poNumber: rated.poNumber ?? undefined,
    lines: rated.charges,
    taxCents: rated.taxCents,
    currency: rated.currency,
  });
}

function latest(rows: readonly InvoiceEntity[]): InvoiceEntity | undefined {
  return [...rows].sort((a, b) => b.version - a.version)[0];
}

function billedContent(invoice: Invoice): string {
  return JSON.stringify({
    kind: invoice.kind,
    currency: invoice.currency,
    poNumber: invoice.poNumber,
    taxCents: invoice.taxCents,
    lines: invoice.lines.map((line) => [line.kind, line.description, line.quantity, line.rate, line.amountCents]),
  });
}
