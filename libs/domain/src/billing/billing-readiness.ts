import type { ShipmentProjection } from '../dispatch/shipment-projection.js';
import { type Customer, availableCreditCents } from '../parties/customer.js';
import type { IsoUtcTimestamp } from '../shared/iso-time.js';
import type { ShipmentReferences } from '../shipment/shipment.js';
import { sumChargeCents } from './charge.js';
import type { ShipmentRating } from './shipment-rating.js';

/**
 * Machine-readable reasons a shipment is not ready to invoice, in the order they are reported. Stable: consumers
 * and published event schemas match on these strings.
 */
export const BILLING_HOLD_REASONS = [
  'awaiting_delivery',
  'awaiting_pod',
  'accessorial_pending',
  'exception_open',
  'tax_unresolved',
  'po_missing',
  'erp_rejected',
  'rating_failed',
  'credit_hold',
] as const;

export type BillingHoldReason = (typeof BILLING_HOLD_REASONS)[number];

/** Where the ERP's tax quote for the shipment stands. `failed`: the ERP refused to quote (tax validation). */
export const TAX_STATUSES = ['resolved', 'pending', 'failed'] as const;

export type TaxStatus = (typeof TAX_STATUSES)[number];

/** The ERP's refusal of the last posting of the shipment's invoice. */
export interface ErpRejection {
  readonly invoiceId: string;
  /** The ERP's error code, e.g. `TAX_VALIDATION_FAILED`. */
  readonly code: string;
  readonly rejectedAt: IsoUtcTimestamp;
  /** When someone fixed the cause (master data, tax setup); `null` while it stands. */
  readonly resolvedAt: IsoUtcTimestamp | null;
}

export interface BillingReadinessInput {
  readonly projection: ShipmentProjection;
  readonly customer: Customer;
  readonly references: ShipmentReferences;
  readonly rating: ShipmentRating;
  readonly taxStatus: TaxStatus;
  /** The last rejected posting, or `null` when the ERP never rejected one. */
  readonly lastErpRejection: ErpRejection | null;
}

export interface BillingReadiness {
  readonly ready: boolean;
  /** Every reason that holds billing now, in {@link BILLING_HOLD_REASONS} order; empty when ready. */
  readonly holds: readonly BillingHoldReason[];
}

/**
 * Decides whether a shipment can be invoiced, and if not, every reason why:
 * - `awaiting_delivery`: no delivery recorded; `awaiting_pod`: no proof of delivery. A cancelled shipment is billed
 *   for its truck order not used, which needs neither.
 * - `accessorial_pending`: an accessorial waits for approval or rejection.
 * - `exception_open`: an exception is not cleared.
 * - `tax_unresolved`: the ERP has not quoted tax, or refused to.
 * - `po_missing`: the customer requires a purchase order number and the shipment has none.
 * - `erp_rejected`: the ERP rejected the last posting and the cause is not resolved.
 * - `rating_failed`: a billing rule could not price its part of the shipment.
 * - `credit_hold`: the customer is not active, or its available credit does not cover the charges.
 */
export function assessBillingReadiness(input: BillingReadinessInput): BillingReadiness {
  const { projection, customer, references, rating, taxStatus, lastErpRejection } = input;
  const cancelled = projection.status === 'cancelled';
  const held: Readonly<Record<BillingHoldReason, boolean>> = {
    awaiting_delivery: !cancelled && projection.deliveredAt === null,
    awaiting_pod: !cancelled && projection.proofOfDelivery === null,
    accessorial_pending: Object.values(projection.accessorials).some((a) => a.state === 'pending_approval'),
    exception_open: projection.openExceptions.length > 0,
    tax_unresolved: taxStatus !== 'resolved',
    po_missing: customer.billingRules.poRequired && (references.poNumber ?? '').trim() === '',
    erp_rejected: lastErpRejection !== null && lastErpRejection.resolvedAt === null,
    rating_failed: rating.problems.length > 0,
    credit_hold: customer.status !== 'active' || availableCreditCents(customer) < sumChargeCents(rating.charges),
  };
  const holds = BILLING_HOLD_REASONS.filter((reason) => held[reason]);

  return { ready: holds.length === 0, holds };
}
