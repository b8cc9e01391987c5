import { BILLING_HOLD_REASONS, type BillingHoldReason } from '@lanegate/domain';

import { defineEvent, type EventDefinition } from '../event-catalog.js';
import { type ArraySchema, arrayOf, enumOf, objectSchema, text } from '../json-schema.js';

// One list for the domain rule that decides holds and the event schema that publishes them.
export { BILLING_HOLD_REASONS, type BillingHoldReason } from '@lanegate/domain';

/** The `data` of `lanegate.billing.hold_entered.v1`. */
export interface BillingHoldEnteredData {
  /** Every reason that holds billing now, not only the new ones. */
  readonly reasons: readonly BillingHoldReason[];
}

/** The `data` of `lanegate.billing.review_requested.v1`. */
export interface BillingReviewRequestedData {
  /** Who asked: the operator's token subject. */
  readonly requestedBy: string;
  /** What was fixed, for people: master data corrected, a closed period reopened, a PO recorded. */
  readonly reason: string;
  /** The operator says the cause of the ERP's last rejection is fixed, so posting may be tried again. */
  readonly erpRejectionResolved: boolean;
}

/** The `data` of `lanegate.billing.hold_released.v1`. */
export interface BillingHoldReleasedData {
  /** The reasons that held billing until now, all resolved. */
  readonly resolvedReasons: readonly BillingHoldReason[];
}

const REASONS_DESCRIPTION = [
  '`awaiting_delivery`: not delivered yet;',
  '`awaiting_pod`: no proof of delivery;',
  '`accessorial_pending`: an accessorial waits for approval;',
  '`exception_open`: an exception is not cleared;',
  '`tax_unresolved`: tax could not be determined;',
  '`po_missing`: the customer requires a PO number;',
  '`erp_rejected`: the ERP refused the invoice and the cause is not resolved;',
  '`rating_failed`: a billing rule could not price the shipment;',
  '`credit_hold`: the customer is not active or its credit does not cover the charges.',
].join(' ');

function reasons(description: string): ArraySchema<BillingHoldReason> {
  return arrayOf<BillingHoldReason>(enumOf(BILLING_HOLD_REASONS, 'A billing hold reason.'), {
    description: `${description} ${REASONS_DESCRIPTION}`,
    minItems: 1,
    uniqueItems: true,
  });
}

/** Billing readiness: when a shipment's billing is held, and when it is released. */
export const BILLING_HOLD_EVENTS: readonly EventDefinition[] = [
  defineEvent<BillingHoldEnteredData>({
    type: 'lanegate.billing.hold_entered.v1',
    summary: 'Billing of the shipment is on hold.',
    description:
      'The shipment cannot be invoiced yet. Published when it enters `billing_hold`, and again whenever the set ' +
      'of reasons changes while it is held; `reasons` is always the complete current set.',
    schema: objectSchema<BillingHoldEnteredData>({
      reasons: reasons('Every reason that holds billing now.'),
    }),
    example: { reasons: ['awaiting_pod', 'accessorial_pending'] },
  }),
  defineEvent<BillingHoldReleasedData>({
    type: 'lanegate.billing.hold_released.v1',
    summary: 'The billing hold was released.',
    description:
      'Every reason that held billing is resolved; the shipment is `billing_ready` and the invoice can be posted.',
    schema: objectSchema<BillingHoldReleasedData>({
      resolvedReasons: reasons('The reasons that held billing until now.'),
    }),
    example: { resolvedReasons: ['awaiting_pod', 'accessorial_pending'] },
  }),
  defineEvent<BillingReviewRequestedData>({
    type: 'lanegate.billing.review_requested.v1',
    summary: 'An operator asked for the billing of a shipment to be assessed again.',
    description:
      'Someone fixed what held billing outside Lanegate (customer master data, tax setup, an accounting period) ' +
      'or recorded a missing reference. Billing fetches fresh master data and assesses the shipment again; with ' +
      '`erpRejectionResolved` it also posts the invoice the ERP rejected again.',
    schema: objectSchema<BillingReviewRequestedData>({
      requestedBy: text("The operator's token subject."),
      reason: text('What was fixed, for people.'),
      erpRejectionResolved: { type: 'boolean', description: "Whether the cause of the ERP's last rejection is fixed." },
    }),
    example: {
      requestedBy: 'ops-dana',
      reason: 'Accounting period 2026-12 reopened by finance.',
      erpRejectionResolved: true,
    },
  }),
];
