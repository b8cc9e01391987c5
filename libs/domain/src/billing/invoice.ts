import { DomainError } from '../shared/domain.error.js';
import { type CurrencyCode, addCents, isCents, isCurrencyCode } from '../shared/money.js';
import { type Charge, sumChargeCents } from './charge.js';

/** A credit memo reverses a posted invoice (fully or in part); a rebill issues the corrected one. */
export const INVOICE_KINDS = ['invoice', 'credit_memo', 'rebill'] as const;

export type InvoiceKind = (typeof INVOICE_KINDS)[number];

const KIND_LABELS: Readonly<Record<InvoiceKind, string>> = {
  invoice: 'an invoice',
  credit_memo: 'a credit memo',
  rebill: 'a rebill',
};

/** `credited`: posted, then reversed in full by a credit memo. Posted invoices are never edited. */
export const INVOICE_STATUSES = ['draft', 'posted', 'rejected', 'credited'] as const;

export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * An invoice, credit memo or rebill for one version of a shipment. Amounts are integer cents; a credit memo's
 * amounts are negative so that summing a customer's documents gives what it owes.
 */
export interface Invoice {
  /** Also the idempotency key of the ERP posting. */
  readonly id: string;
  readonly kind: InvoiceKind;
  readonly shipmentId: string;
  /** The shipment version this document bills; one invoice is posted per version. */
  readonly shipmentVersion: number;
  readonly customerId: string;
  /** The posted invoice a credit memo or rebill corrects; `null` on an original invoice. */
  readonly correctsInvoiceId: string | null;
  readonly poNumber: string | null;
  readonly lines: readonly Charge[];
  readonly subtotalCents: number;
  readonly taxCents: number;
  readonly totalCents: number;
  readonly currency: CurrencyCode;
  readonly status: InvoiceStatus;
}

export interface CreateInvoiceInput {
  readonly id: string;
  readonly kind?: InvoiceKind;
  readonly shipmentId: string;
  readonly shipmentVersion: number;
  readonly customerId: string;
  readonly correctsInvoiceId?: string;
  readonly poNumber?: string;
  readonly lines: readonly Charge[];
  readonly taxCents: number;
  readonly currency: CurrencyCode;
}

/**
 * Builds a draft invoice, computing subtotal and total from the lines and the tax.
 * @throws DomainError `INVALID_INVOICE` when a line is in another currency, an amount is not whole cents, a
 * correction does not say what it corrects, or the total has the wrong sign for the kind.
 */
export function createInvoice(input: CreateInvoiceInput): Invoice {
  const kind = input.kind ?? 'invoice';
  const problems = invoiceProblems(input, kind);
  const subtotalCents = problems.length === 0 ? sumChargeCents(input.lines) : 0;
  const totalCents = problems.length === 0 ? addCents(subtotalCents, input.taxCents) : 0;
  if (problems.length === 0 && (kind === 'credit_memo' ? totalCents > 0 : totalCents < 0)) {
    problems.push(
      `the total of ${KIND_LABELS[kind]} must be ${kind === 'credit_memo' ? 'zero or negative' : 'zero or positive'}`,
    );
  }
  if (problems.length > 0) {
    throw new DomainError('INVALID_INVOICE', `Invalid invoice ${input.id}: ${problems.join('; ')}.`, {
      details: { invoiceId: input.id, shipmentId: input.shipmentId, problems },
    });
  }

  return {
    id: input.id,
    kind,
    shipmentId: input.shipmentId,
    shipmentVersion: input.shipmentVersion,
    customerId: input.customerId,
    correctsInvoiceId: input.correctsInvoiceId ?? null,
    poNumber: input.poNumber ?? null,
    lines: [...input.lines],
    subtotalCents,
    taxCents: input.taxCents,
    totalCents,
    currency: input.currency,
    status: 'draft',
  };
}

/**
 * Builds the draft credit memo that reverses a posted invoice in full: every line and the tax negated.
 * @throws DomainError `INVOICE_NOT_POSTED` unless the invoice is posted; only posted documents need correcting.
 */
export function creditMemoFor(invoice: Invoice, creditMemoId: string): Invoice {
  if (invoice.status !== 'posted') {
    throw new DomainError(
      'INVOICE_NOT_POSTED',
      `Invoice ${invoice.id} is ${invoice.status}; only a posted invoice is credited.`,
      {
        details: { invoiceId: invoice.id, status: invoice.status },
      },
    );
  }

  return createInvoice({
    id: creditMemoId,
    kind: 'credit_memo',
    shipmentId: invoice.shipmentId,
    shipmentVersion: invoice.shipmentVersion,
    customerId: invoice.customerId,
    correctsInvoiceId: invoice.id,
    poNumber: invoice.poNumber ?? undefined,
    lines: invoice.lines.map((line) => ({ ...line, amountCents: -line.amountCents })),
    taxCents: -invoice.taxCents,
    currency: invoice.currency,
  });
}

function invoiceProblems(input: CreateInvoiceInput, kind: InvoiceKind): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(input.shipmentVersion) || input.shipmentVersion < 1) {
    problems.push(`shipmentVersion must be a positive integer, got ${input.shipmentVersion}`);
  }
  if (!isCurrencyCode(input.currency)) {
    problems.push(`currency must be an ISO 4217 code, got '${String(input.currency)}'`);
  }
  if (input.lines.length === 0) {
    problems.push('an invoice needs at least one line');
  }
  for (const line of input.lines) {
    if (line.currency !== input.currency) {
      problems.push(`${line.kind} line is in ${line.currency}, invoice is in ${input.currency}`);
    }
    if (!isCents(line.amountCents)) {
      problems.push(`${line.kind} line amount must be whole cents, got ${String(line.amountCents)}`);
    }
  }
  if (!isCents(input.taxCents)) {
    problems.push(`taxCents must be whole cents, got ${String(input.taxCents)}`);
  }
  if (kind !== 'invoice' && input.correctsInvoiceId === undefined) {
    problems.push(`${KIND_LABELS[kind]} must name the invoice it corrects`);
  }
  if (kind === 'invoice' && input.correctsInvoiceId !== undefined) {
    problems.push('an original invoice corrects nothing; use a credit memo or a rebill');
  }

  return problems;
}
