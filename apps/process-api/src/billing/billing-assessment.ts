import type {
  BillingReadiness,
  Carrier,
  Charge,
  ShipmentProjection,
  ShipmentRating,
  TaxStatus,
} from '@lanegate/domain';

import type { BillingHold, ErpRefusal, StoredErpRejection } from './billing-holds.js';
import type { InvoiceEntity } from './invoice.entity.js';

/** The ERP's tax quote for a set of charges, kept with a fingerprint of the charges it was quoted for. */
export interface StoredTaxQuote {
  readonly quoteId: string;
  readonly taxCents: number;
  readonly rateBasisPoints: number;
  readonly taxRegion: string;
  readonly chargesFingerprint: string;
  readonly quotedAt: string;
}

/** The ERP's refusal to quote tax, for the charges it refused. */
export interface StoredTaxRefusal extends ErpRefusal {
  readonly chargesFingerprint: string;
}

/** What happened to one document during an assessment. */
export type PostingOutcome =
  | { readonly type: 'posted'; readonly row: InvoiceEntity }
  | { readonly type: 'found'; readonly row: InvoiceEntity }
  | { readonly type: 'rejected'; readonly row: InvoiceEntity; readonly refusal: ErpRefusal };

/**
 * Everything one billing assessment of a shipment found, gathered outside any transaction (master data, tax and
 * postings came from the system API), for the ledger to commit.
 */
export interface BillingAssessment {
  readonly shipmentId: string;
  readonly correlationId: string;
  /** What asked for the assessment, for people: a dispatch change, an operator's review. */
  readonly trigger: string;
  readonly projection: ShipmentProjection;
  readonly projectionVersion: number;
  readonly carrier: Carrier | null;
  /** Null when master data could not be read (the system API was down before delivery): holds are partial. */
  readonly rating: ShipmentRating | null;
  readonly taxStatus: TaxStatus;
  readonly taxQuote: StoredTaxQuote | null;
  readonly taxRefusal: StoredTaxRefusal | null;
  /** Whether the ERP was asked for tax in this assessment (as opposed to a stored quote reused). */
  readonly taxQuotedNow: boolean;
  readonly erpRejection: StoredErpRejection | null;
  readonly readiness: BillingReadiness;
  readonly holds: readonly BillingHold[];
  /** The shipment's invoice rows as the postings left them; only those in `outcomes` changed. */
  readonly invoices: readonly InvoiceEntity[];
  readonly outcomes: readonly PostingOutcome[];
  readonly assessedAt: Date;
}

/** A stable text of what is taxed: kinds and amounts in rating order. */
export function chargesFingerprint(charges: readonly Charge[]): string {
  return charges.map((charge) => `${charge.kind}:${charge.amountCents}`).join('|');
}
