import type { Charge } from './charge.js';

/** Why a billing rule could not price a charge. */
export const BILLING_RULE_ERROR_CODES = [
  'INVALID_INPUT',
  'NO_DIESEL_PRICE',
  'NO_FUEL_SURCHARGE_BAND',
  'AMBIGUOUS_FUEL_SURCHARGE_BAND',
  'LINEHAUL_REQUIRED',
  'DEPARTURE_BEFORE_ARRIVAL',
  'CURRENCY_MISMATCH',
  'NO_ROUTE_MILES',
  'NO_PICKUP_DATE',
  'NO_ACCESSORIAL_PRICE',
] as const;

export type BillingRuleErrorCode = (typeof BILLING_RULE_ERROR_CODES)[number];

export interface BillingRuleError {
  readonly code: BillingRuleErrorCode;
  /** The rule that refused, as in `Charge.rule`. */
  readonly rule: string;
  readonly message: string;
}

/**
 * What a billing rule returns. Bad contract data is an expected outcome that lands a shipment on billing hold, so
 * rules return it instead of throwing.
 */
export type BillingRuleResult<T = Charge> =
  { readonly ok: true; readonly charge: T } | { readonly ok: false; readonly error: BillingRuleError };

export function ruleSucceeded<T>(charge: T): BillingRuleResult<T> {
  return { ok: true, charge };
}

export function ruleFailed<T>(rule: string, code: BillingRuleErrorCode, message: string): BillingRuleResult<T> {
  return { ok: false, error: { code, rule, message } };
}
