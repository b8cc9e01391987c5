import {
  availableCreditCents,
  type BillingHoldReason,
  type BillingReadiness,
  type Customer,
  type ErpRejection,
  type ShipmentProjection,
  type ShipmentRating,
  sumChargeCents,
  type TaxStatus,
} from '@lanegate/domain';

/** One reason that holds a shipment's billing, with what an operator needs to clear it. */
export interface BillingHold {
  readonly reason: BillingHoldReason;
  readonly detail: string;
}

/** The ERP's own refusal: its code and its words. */
export interface ErpRefusal {
  readonly code: string;
  readonly detail: string;
}

/** The last rejected posting, with the ERP's words. */
export interface StoredErpRejection extends ErpRejection {
  readonly detail: string;
}

export interface HoldContext {
  readonly projection: ShipmentProjection;
  readonly customer: Customer | null;
  readonly purchaseOrder: string | null;
  readonly rating: ShipmentRating | null;
  readonly taxStatus: TaxStatus;
  readonly taxRefusal: ErpRefusal | null;
  readonly erpRejection: StoredErpRejection | null;
}

/** Each hold reason of `readiness` with a sentence that says what holds it and what clears it. */
export function describeHolds(readiness: BillingReadiness, context: HoldContext): BillingHold[] {
  return readiness.holds.map((reason) => ({ reason, detail: truncate(detailOf(reason, context)) }));
}

function detailOf(reason: BillingHoldReason, context: HoldContext): string {
  const { projection, customer, rating } = context;
  switch (reason) {
    case 'awaiting_delivery':
      return `The shipment is ${projection.status.replace('_', ' ')}; it is billed once delivered.`;
    case 'awaiting_pod':
      return projection.deliveredAt === null
        ? 'No proof of delivery yet.'
        : `Delivered at ${projection.deliveredAt}; no proof of delivery yet.`;
    case 'accessorial_pending':
      return `Accessorials awaiting approval: ${Object.values(projection.accessorials)
        .filter((accessorial) => accessorial.state === 'pending_approval')
        .map((accessorial) => `${accessorial.accessorialId} (${accessorial.kind}, ${accessorial.amountCents} cents)`)
        .join(', ')}.`;
    case 'exception_open':
      return `Open exceptions: ${projection.openExceptions
        .map((exception) => `${exception.code} since ${exception.raisedAt}: ${exception.reason}`)
        .join('; ')}.`;
    case 'tax_unresolved':
      return context.taxRefusal === null
        ? 'Tax is quoted by the ERP once the shipment is delivered and rated.'
        : `The ERP refused to quote tax: ${context.taxRefusal.code}: ${context.taxRefusal.detail} Fix the tax ` +
            'data in the ERP, then request a billing review.';
    case 'po_missing':
      return `Customer ${customer?.id ?? ''} requires a purchase order number on its invoices; the shipment has none.`;
    case 'erp_rejected':
      return context.erpRejection === null
        ? 'The ERP rejected the invoice.'
        : `The ERP rejected ${context.erpRejection.invoiceId}: ${context.erpRejection.code}: ` +
            `${context.erpRejection.detail} Fix the cause, then request a billing review.`;
    case 'rating_failed':
      return `The shipment could not be rated: ${(rating?.problems ?? []).map((problem) => problem.message).join(' ')}`;
    case 'credit_hold':
      return creditHoldDetail(customer, rating);
  }
}

function creditHoldDetail(customer: Customer | null, rating: ShipmentRating | null): string {
  if (customer === null) {
    return 'The customer is not known.';
  }
  if (customer.status !== 'active') {
    return `Customer ${customer.id} is ${customer.status.replace('_', ' ')} in the ERP.`;
  }

  return (
    `Customer ${customer.id} has ${availableCreditCents(customer)} cents of credit left, less than the ` +
    `${sumChargeCents(rating?.charges ?? [])} cents of charges.`
  );
}

function truncate(text: string): string {
  return text.length <= 500 ? text : `${text.slice(0, 499)}…`;
}
