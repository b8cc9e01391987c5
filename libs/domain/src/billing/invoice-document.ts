import type { Carrier } from '../parties/carrier.js';
import { type CurrencyCode, addCents, isCents } from '../shared/money.js';
import type { Charge, ChargeKind } from './charge.js';
import { type Invoice, createInvoice, creditMemoFor } from './invoice.js';

/** Longest line text the ERP accepts. */
export const INVOICE_LINE_DESCRIPTION_MAX = 200;

/** The ERP's tax quote for a shipment's charges: a total, and per line when the ERP splits it. */
export interface TaxQuote {
  readonly quoteId: string;
  readonly taxCents: number;
  readonly rateBasisPoints: number;
  readonly taxRegion: string;
  /** Tax per charge, in the order of the charges, when the ERP returns it per line; adds up to `taxCents`. */
  readonly lineTaxCents?: readonly number[];
}

/** Units the ERP prints on a line. Detention is billed in hours, whatever increment it was counted in. */
export type InvoiceLineUnit = 'mile' | 'hour' | 'each';

/** One invoice line as the ERP posting takes it. `amountCents` is authoritative; the rest explains it. */
export interface InvoiceDocumentLine {
  readonly kind: ChargeKind;
  readonly description: string;
  /** Miles, hours (to two decimals) or a count. */
  readonly quantity: number;
  readonly unit: InvoiceLineUnit;
  /** Integer price per `unit` in cents. */
  readonly rateCents: number;
  /** Integer cents; negative on credit memos. */
  readonly amountCents: number;
}

/** What posting an invoice, credit memo or rebill to the ERP needs. */
export interface InvoiceDocument {
  readonly invoice: Invoice;
  readonly lines: readonly InvoiceDocumentLine[];
  readonly subtotalCents: number;
  readonly taxCents: number;
  /** Lines plus tax; the ERP refuses a document whose lines do not add up to `totalCents - taxCents`. */
  readonly totalCents: number;
  /** The carrier that moved the shipment (after any reassignment); `null` when none was assigned. */
  readonly carrier: Carrier | null;
}

export interface BuildInvoiceInput {
  /** Also the ERP idempotency key, e.g. `INV-SHP-7781-v1`. */
  readonly invoiceId: string;
  readonly shipmentId: string;
  readonly shipmentVersion: number;
  readonly customerId: string;
  readonly poNumber?: string;
  readonly currency: CurrencyCode;
  /** The rated charges, in rating order; they become the lines in that order. */
  readonly charges: readonly Charge[];
  readonly taxQuote: TaxQuote;
  readonly carrier: Carrier | null;
}

export const INVOICE_BUILD_PROBLEM_CODES = ['NO_CHARGES', 'CURRENCY_MISMATCH', 'INVALID_TAX'] as const;

export type InvoiceBuildProblemCode = (typeof INVOICE_BUILD_PROBLEM_CODES)[number];

export type InvoiceBuildResult =
  | { readonly ok: true; readonly document: InvoiceDocument }
  | { readonly ok: false; readonly code: InvoiceBuildProblemCode; readonly message: string };

/**
 * Builds the draft invoice of a shipment version from its charges and the ERP's tax quote. Subtotal and total are
 * sums of integer cents; nothing is rounded here, because every charge and the tax already are whole cents.
 */
export function buildInvoice(input: BuildInvoiceInput): InvoiceBuildResult {
  const refused = buildProblem(input);
  if (refused !== null) {
    return refused;
  }

  const invoice = createInvoice({
    id: input.invoiceId,
    shipmentId: input.shipmentId,
    shipmentVersion: input.shipmentVersion,
    customerId: input.customerId,
    poNumber: input.poNumber,
    lines: input.charges,
    taxCents: input.taxQuote.taxCents,
    currency: input.currency,
  });

  return { ok: true, document: invoiceDocumentOf(invoice, input.carrier) };
}

/** The ERP posting shape of any invoice, credit memo or rebill. */
export function invoiceDocumentOf(invoice: Invoice, carrier: Carrier | null): InvoiceDocument {
  return {
    invoice,
    lines: invoice.lines.map(documentLineOf),
    subtotalCents: invoice.subtotalCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
    carrier,
  };
}

/**
 * What to do with a posted invoice once the shipment is re-rated. Posted invoices are never edited: a change is
 * a full credit memo of the posted one plus a rebill of the re-rated one, both naming the posted invoice.
 * - `no_change`: the re-rated invoice bills the same lines, tax and PO. Provenance alone (which events, which
 *   rule version) is not a change the customer pays for.
 * - `credit_and_rebill`: something billable changed.
 * - `not_posted`: the earlier invoice was never posted (draft or rejected) or is already credited; there is
 *   nothing to correct, and the re-rated invoice is posted as it is.
 */
export type InvoiceCorrection =
  | { readonly action: 'no_change' }
  | { readonly action: 'credit_and_rebill'; readonly creditMemo: Invoice; readonly rebill: Invoice }
  | { readonly action: 'not_posted'; readonly reason: string };

export interface InvoiceCorrectionInput {
  readonly posted: Invoice;
  /** The draft invoice built from the re-rating; its id and version become the rebill's. */
  readonly rerated: Invoice;
  /** Id of the credit memo, e.g. `CM-SHP-7781-v1`. */
  readonly creditMemoId: string;
}

/** Decides between no change and a credit memo plus rebill; see {@link InvoiceCorrection}. */
export function decideInvoiceCorrection(input: InvoiceCorrectionInput): InvoiceCorrection {
  const { posted, rerated, creditMemoId } = input;
  if (posted.status !== 'posted') {
    return { action: 'not_posted', reason: `invoice ${posted.id} is ${posted.status}, not posted` };
  }
  if (billedContent(posted) === billedContent(rerated)) {
    return { action: 'no_change' };
  }

  const rebill = createInvoice({
    id: rerated.id,
    kind: 'rebill',
    shipmentId: rerated.shipmentId,
    shipmentVersion: rerated.shipmentVersion,
    customerId: rerated.customerId,
    correctsInvoiceId: posted.id,
    poNumber: rerated.poNumber ?? undefined,
    lines: rerated.lines,
    taxCents: rerated.taxCents,
    currency: rerated.currency,
  });

  return { action: 'credit_and_rebill', creditMemo: creditMemoFor(posted, creditMemoId), rebill };
}

function buildProblem(input: BuildInvoiceInput): Extract<InvoiceBuildResult, { ok: false }> | null {
  const { charges, currency, taxQuote } = input;
  if (charges.length === 0) {
    return { ok: false, code: 'NO_CHARGES', message: `Shipment ${input.shipmentId} has no charges to invoice.` };
  }

  const foreign = charges.find((charge) => charge.currency !== currency);
  if (foreign !== undefined) {
    return {
      ok: false,
      code: 'CURRENCY_MISMATCH',
      message: `The ${foreign.kind} charge is in ${foreign.currency}; the invoice is in ${currency}.`,
    };
  }
  if (!isCents(taxQuote.taxCents) || taxQuote.taxCents < 0) {
    return {
      ok: false,
      code: 'INVALID_TAX',
      message: `Tax must be zero or more whole cents, got ${taxQuote.taxCents}.`,
    };
  }

  return taxQuote.lineTaxCents === undefined ? null : lineTaxProblem(taxQuote, charges.length);
}

function lineTaxProblem(quote: TaxQuote, lineCount: number): Extract<InvoiceBuildResult, { ok: false }> | null {
  const lineTax = quote.lineTaxCents ?? [];
  if (lineTax.length !== lineCount || !lineTax.every(isCents)) {
    return {
      ok: false,
      code: 'INVALID_TAX',
      message: `Tax quote ${quote.quoteId} has ${lineTax.length} line amounts for ${lineCount} charges.`,
    };
  }

  const sum = addCents(...lineTax);

  return sum === quote.taxCents
    ? null
    : {
        ok: false,
        code: 'INVALID_TAX',
        message: `Tax quote ${quote.quoteId} lines add up to ${sum} cents, its total is ${quote.taxCents}.`,
      };
}

function documentLineOf(charge: Charge): InvoiceDocumentLine {
  const { kind, amountCents } = charge;
  const description = truncate(charge.description, INVOICE_LINE_DESCRIPTION_MAX);
  switch (charge.rateUnit) {
    case 'cents_per_mile':
      return { kind, description, quantity: charge.quantity, unit: 'mile', rateCents: charge.rate, amountCents };
    case 'cents_per_hour':
      // Minutes to hours to two decimals: exact for quarter- and half-hour increments. Only the amount is billed.
      return {
        kind,
        description,
        quantity: Math.round((charge.quantity * 100) / 60) / 100,
        unit: 'hour',
        rateCents: charge.rate,
        amountCents,
      };
    case 'cents_each':
      return { kind, description, quantity: charge.quantity, unit: 'each', rateCents: charge.rate, amountCents };
    case 'basis_points':
      // A percentage of the linehaul has no per-unit price the ERP can print; the description carries the rate.
      return { kind, description, quantity: 1, unit: 'each', rateCents: amountCents, amountCents };
  }
}

/** Everything the customer is billed for, as one comparable text: lines, tax, PO and currency. */
function billedContent(invoice: Invoice): string {
  return JSON.stringify({
    currency: invoice.currency,
    poNumber: invoice.poNumber,
    taxCents: invoice.taxCents,
    lines: invoice.lines.map(({ kind, description, quantity, quantityUnit, rate, rateUnit, amountCents }) => [
      kind,
      description,
      quantity,
      quantityUnit,
      rate,
      rateUnit,
      amountCents,
    ]),
  });
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
