import { isWholeMiles } from '../shared/miles.js';
import { type CurrencyCode, isCents, isCurrencyCode } from '../shared/money.js';
import { type BillingRuleResult, ruleFailed, ruleSucceeded } from './billing-rule-result.js';
import { type Charge, createCharge } from './charge.js';

export const LINEHAUL_PER_MILE_RULE = 'linehaul.per_mile.v1';
export const LINEHAUL_FLAT_RULE = 'linehaul.flat.v1';

/** A contract lane rate: cents per mile of the current route, or a flat amount for the lane. */
export type LaneRate =
  | { readonly basis: 'per_mile'; readonly rateCentsPerMile: number; readonly currency: CurrencyCode }
  | { readonly basis: 'flat'; readonly flatCents: number; readonly currency: CurrencyCode };

export interface LinehaulInput {
  readonly laneRate: LaneRate;
  /** Whole miles of the current route; a reassignment that changes the route re-rates with the new miles. */
  readonly routeMiles: number;
  /** The assignment or reassignment events that set the carrier and route. */
  readonly sourceEventIds: readonly string[];
}

/**
 * Prices the linehaul of a shipment from its lane rate.
 * @example 436 miles at 285 cents per mile is a 124,260-cent charge.
 */
export function rateLinehaul(input: LinehaulInput): BillingRuleResult {
  const { laneRate, routeMiles, sourceEventIds } = input;
  if (!isCurrencyCode(laneRate.currency)) {
    return ruleFailed(
      ruleFor(laneRate),
      'INVALID_INPUT',
      `currency must be an ISO 4217 code, got '${String(laneRate.currency)}'.`,
    );
  }

  switch (laneRate.basis) {
    case 'per_mile':
      return perMile(laneRate.rateCentsPerMile, routeMiles, laneRate.currency, sourceEventIds);
    case 'flat':
      return flat(laneRate.flatCents, laneRate.currency, sourceEventIds);
  }
}

function perMile(
  rateCentsPerMile: number,
  routeMiles: number,
  currency: CurrencyCode,
  sourceEventIds: readonly string[],
): BillingRuleResult<Charge> {
  if (!isCents(rateCentsPerMile) || rateCentsPerMile < 0) {
    return ruleFailed(
      LINEHAUL_PER_MILE_RULE,
      'INVALID_INPUT',
      `rateCentsPerMile must be whole cents, got ${rateCentsPerMile}.`,
    );
  }
  if (!isWholeMiles(routeMiles) || routeMiles === 0) {
    return ruleFailed(
      LINEHAUL_PER_MILE_RULE,
      'INVALID_INPUT',
      `routeMiles must be a positive whole number, got ${routeMiles}.`,
    );
  }

  const amountCents = routeMiles * rateCentsPerMile;
  if (!isCents(amountCents)) {
    return ruleFailed(
      LINEHAUL_PER_MILE_RULE,
      'INVALID_INPUT',
      `${routeMiles} mi at ${rateCentsPerMile} cents/mi overflows.`,
    );
  }

  return ruleSucceeded(
    createCharge({
      kind: 'linehaul',
      description: `Linehaul: ${routeMiles} mi at ${rateCentsPerMile} cents/mi`,
      quantity: routeMiles,
      quantityUnit: 'mile',
      rate: rateCentsPerMile,
      rateUnit: 'cents_per_mile',
      amountCents,
      currency,
      sourceEventIds,
      rule: LINEHAUL_PER_MILE_RULE,
    }),
  );
}

function flat(flatCents: number, currency: CurrencyCode, sourceEventIds: readonly string[]): BillingRuleResult<Charge> {
  if (!isCents(flatCents) || flatCents < 0) {
    return ruleFailed(LINEHAUL_FLAT_RULE, 'INVALID_INPUT', `flatCents must be whole cents, got ${flatCents}.`);
  }

  return ruleSucceeded(
    createCharge({
      kind: 'linehaul',
      description: 'Linehaul: flat lane rate',
      quantity: 1,
      quantityUnit: 'each',
      rate: flatCents,
      rateUnit: 'cents_each',
      amountCents: flatCents,
      currency,
      sourceEventIds,
      rule: LINEHAUL_FLAT_RULE,
    }),
  );
}

function ruleFor(laneRate: LaneRate): string {
  return laneRate.basis === 'flat' ? LINEHAUL_FLAT_RULE : LINEHAUL_PER_MILE_RULE;
}
