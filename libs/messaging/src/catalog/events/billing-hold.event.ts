import { BILLING_HOLD_REASONS, type BillingHoldReason } from '@lanegate/domain';

import { defineEvent, type EventDefinition } from '../event-catalog.js';
import { type ArraySchema, arrayOf, enumOf, objectSchema } from '../json-schema.js';

// One list for the domain rule that decides holds and the event schema that publishes them.
export { BILLING_HOLD_REASONS, type BillingHoldReason } from '@lanegate/domain';

/** The `data` of `lanegate.billing.hold_entered.v1`. */
export interface BillingHoldEnteredData {
  /** Every reason that holds billing now, not only the new ones. */
  readonly reasons: readonly BillingHoldReason[];
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
];
