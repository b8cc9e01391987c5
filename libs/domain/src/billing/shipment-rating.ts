import type { ProjectedAccessorial, ProjectedStop, ShipmentProjection } from '../dispatch/shipment-projection.js';
import type { IsoDate } from '../shared/iso-time.js';
import { type CurrencyCode, isCents } from '../shared/money.js';
import { type BillingRuleError, type BillingRuleResult, ruleFailed } from './billing-rule-result.js';
import { type AccessorialKind, CHARGE_KINDS, type Charge, createCharge } from './charge.js';
import { DETENTION_RULE, type DetentionTerms, rateDetention } from './detention.rule.js';
import {
  type DieselPrice,
  FUEL_SURCHARGE_RULE,
  type FuelSurchargeTable,
  rateFuelSurcharge,
} from './fuel-surcharge.rule.js';
import { LINEHAUL_FLAT_RULE, LINEHAUL_PER_MILE_RULE, type LaneRate, rateLinehaul } from './linehaul.rule.js';

/** An accessorial billed at the amount its approval (or, for kinds needing none, its submission) carries. */
export const ACCESSORIAL_APPROVED_AMOUNT_RULE = 'accessorial.approved_amount.v1';
/** An accessorial reported without an amount, billed at the contract's price for its kind. */
export const ACCESSORIAL_CONTRACT_PRICE_RULE = 'accessorial.contract_price.v1';

/** One row of a contract's accessorial price list. */
export interface AccessorialPrice {
  readonly kind: AccessorialKind;
  readonly priceCents: number;
}

/** The parts of the customer's contract lane that price a shipment. */
export interface ShipmentContract {
  readonly laneRate: LaneRate;
  readonly detention: DetentionTerms;
  readonly accessorialPrices: readonly AccessorialPrice[];
}

export interface ShipmentRatingInput {
  readonly projection: ShipmentProjection;
  readonly contract: ShipmentContract;
  readonly fuelSurchargeTable: FuelSurchargeTable;
  readonly dieselPrices: readonly DieselPrice[];
  /** The customer's invoice currency; every price must be in it. */
  readonly currency: CurrencyCode;
  /**
   * Calendar date of the pickup in the pickup's own time zone, when the caller knows it. Otherwise the UTC date of
   * the first pickup's departure (or arrival) is used.
   */
  readonly pickupDate?: IsoDate;
}

/** The charges of a shipment, and why any rule could not price its part. */
export interface ShipmentRating {
  /** Linehaul, fuel surcharge, detention by stop, then accessorials by kind and id. */
  readonly charges: readonly Charge[];
  /** Empty when every rule priced its part; otherwise the shipment cannot be invoiced as rated. */
  readonly problems: readonly BillingRuleError[];
}

/**
 * Rates a shipment from its dispatch projection and the customer's contract. Every charge names its rule and the
 * events it came from, so the same projection always gives the same lines, in the same order.
 *
 * - Linehaul on the current route miles, citing the assignment or reassignment that set them.
 * - Fuel surcharge on the same miles (or on the linehaul, for a percentage band), from the diesel price in effect
 *   on the pickup date; it cites the miles' event and the pickup event that dated it.
 * - Detention at each stop with both an arrival and a departure, citing both events. A stop missing either has
 *   no detention: it is derived from events, never assumed.
 * - One charge per approved accessorial; pending and rejected ones produce none. The approved amount is billed;
 *   an accessorial approved at zero cents takes the contract price for its kind.
 * - A cancelled shipment is billed for its accessorials only (a truck order not used replaces the linehaul).
 */
export function rateShipment(input: ShipmentRatingInput): ShipmentRating {
  const charges: Charge[] = [];
  const problems: BillingRuleError[] = [];
  const collect = (result: BillingRuleResult<Charge | null>): void => {
    if (!result.ok) {
      problems.push(result.error);
    } else if (result.charge !== null) {
      charges.push(result.charge);
    }
  };

  problems.push(...currencyProblems(input));
  if (problems.length > 0) {
    return { charges, problems };
  }

  if (input.projection.status !== 'cancelled') {
    const linehaul = rateLinehaulOf(input);
    collect(linehaul);
    collect(rateFuelSurchargeOf(input, linehaul.ok ? linehaul.charge.amountCents : undefined));
    for (const stop of input.projection.stops) {
      collect(rateDetentionAt(stop, input.contract.detention));
    }
  }
  for (const accessorial of billableAccessorials(input.projection)) {
    collect(rateAccessorial(accessorial, input.contract.accessorialPrices, input.currency));
  }

  return { charges, problems };
}

function rateLinehaulOf(input: ShipmentRatingInput): BillingRuleResult {
  const { projection, contract } = input;
  if (contract.laneRate.basis === 'per_mile' && projection.routeMiles === null) {
    return ruleFailed(
      LINEHAUL_PER_MILE_RULE,
      'NO_ROUTE_MILES',
      'A per-mile lane rate needs route miles; none are known.',
    );
  }

  return rateLinehaul({
    laneRate: contract.laneRate,
    routeMiles: projection.routeMiles ?? 0,
    sourceEventIds: eventIds(projection.routeMilesEventId),
  });
}

function rateFuelSurchargeOf(input: ShipmentRatingInput, linehaulCents: number | undefined): BillingRuleResult {
  const { projection } = input;
  if (projection.routeMiles === null) {
    return ruleFailed(FUEL_SURCHARGE_RULE, 'NO_ROUTE_MILES', 'The fuel surcharge needs route miles; none are known.');
  }

  const pickup = pickupDateOf(input);
  if (pickup === null) {
    return ruleFailed(
      FUEL_SURCHARGE_RULE,
      'NO_PICKUP_DATE',
      'The fuel surcharge needs the pickup date; the first pickup has no arrival or departure yet.',
    );
  }

  return rateFuelSurcharge({
    table: input.fuelSurchargeTable,
    dieselPrices: input.dieselPrices,
    pickupDate: pickup.date,
    routeMiles: projection.routeMiles,
    linehaulCents,
    sourceEventIds: eventIds(projection.routeMilesEventId, pickup.eventId),
  });
}

function rateDetentionAt(stop: ProjectedStop, terms: DetentionTerms): BillingRuleResult<Charge | null> {
  if (stop.arrivedAt === null || stop.departedAt === null) {
    return { ok: true, charge: null };
  }

  return rateDetention({
    terms,
    stopSequence: stop.sequence,
    arrivedAt: stop.arrivedAt,
    departedAt: stop.departedAt,
    sourceEventIds: eventIds(stop.arrivedEventId, stop.departedEventId),
  });
}

/** Approved accessorials in a stable order: by charge kind, then by id. */
function billableAccessorials(projection: ShipmentProjection): ProjectedAccessorial[] {
  const kindOrder = (kind: AccessorialKind): number => CHARGE_KINDS.indexOf(kind);

  return Object.values(projection.accessorials)
    .filter((accessorial) => accessorial.state === 'approved')
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || compareText(a.accessorialId, b.accessorialId));
}

function rateAccessorial(
  accessorial: ProjectedAccessorial,
  prices: readonly AccessorialPrice[],
  currency: CurrencyCode,
): BillingRuleResult {
  const { accessorialId, kind, amountCents } = accessorial;
  const sourceEventIds = eventIds(accessorial.submittedEventId, accessorial.decisionEventId);
  const label = accessorial.description === null ? '' : `: ${accessorial.description}`;
  if (accessorial.currency !== currency) {
    return ruleFailed(
      ACCESSORIAL_APPROVED_AMOUNT_RULE,
      'CURRENCY_MISMATCH',
      `Accessorial '${accessorialId}' is in ${accessorial.currency}; the customer is invoiced in ${currency}.`,
    );
  }
  if (amountCents > 0) {
    return accessorialCharge(
      { kind, amountCents, currency, sourceEventIds, rule: ACCESSORIAL_APPROVED_AMOUNT_RULE },
      `${accessorialLabel(kind)} ${accessorialId}${label}`,
    );
  }

  const price = prices.find((candidate) => candidate.kind === kind);
  if (price === undefined || !isCents(price.priceCents) || price.priceCents <= 0) {
    return ruleFailed(
      ACCESSORIAL_CONTRACT_PRICE_RULE,
      'NO_ACCESSORIAL_PRICE',
      `Accessorial '${accessorialId}' was approved without an amount and the contract has no price for ${kind}.`,
    );
  }

  return accessorialCharge(
    { kind, amountCents: price.priceCents, currency, sourceEventIds, rule: ACCESSORIAL_CONTRACT_PRICE_RULE },
    `${accessorialLabel(kind)} ${accessorialId}${label} (contract price)`,
  );
}

function accessorialCharge(
  parts: Pick<Charge, 'kind' | 'amountCents' | 'currency' | 'sourceEventIds' | 'rule'>,
  description: string,
): BillingRuleResult {
  return {
    ok: true,
    charge: createCharge({
      ...parts,
      description,
      quantity: 1,
      quantityUnit: 'each',
      rate: parts.amountCents,
      rateUnit: 'cents_each',
    }),
  };
}

function currencyProblems(input: ShipmentRatingInput): BillingRuleError[] {
  const { contract, fuelSurchargeTable, currency } = input;
  const priced: readonly [string, CurrencyCode][] = [
    [contract.laneRate.basis === 'flat' ? LINEHAUL_FLAT_RULE : LINEHAUL_PER_MILE_RULE, contract.laneRate.currency],
    [FUEL_SURCHARGE_RULE, fuelSurchargeTable.currency],
    [DETENTION_RULE, contract.detention.currency],
  ];

  return priced
    .filter(([, priceCurrency]) => priceCurrency !== currency)
    .map(([rule, priceCurrency]) => ({
      code: 'CURRENCY_MISMATCH',
      rule,
      message: `The contract prices ${rule} in ${priceCurrency}; the customer is invoiced in ${currency}.`,
    }));
}

function pickupDateOf(input: ShipmentRatingInput): { date: IsoDate; eventId: string | null } | null {
  const pickup = input.projection.stops.find((stop) => stop.type === 'pickup');
  if (input.pickupDate !== undefined) {
    return { date: input.pickupDate, eventId: pickup?.departedEventId ?? pickup?.arrivedEventId ?? null };
  }
  if (pickup === undefined) {
    return null;
  }
  if (pickup.departedAt !== null) {
    // A UTC timestamp starts with its UTC calendar date.
    return { date: pickup.departedAt.slice(0, 10), eventId: pickup.departedEventId };
  }
  if (pickup.arrivedAt !== null) {
    return { date: pickup.arrivedAt.slice(0, 10), eventId: pickup.arrivedEventId };
  }

  return null;
}

function accessorialLabel(kind: AccessorialKind): string {
  const labels: Readonly<Record<AccessorialKind, string>> = {
    lumper: 'Lumper',
    layover: 'Layover',
    tonu: 'Truck order not used',
    stop_off: 'Stop-off',
    driver_assist: 'Driver assist',
    other: 'Accessorial',
  };

  return labels[kind];
}

function eventIds(...ids: readonly (string | null)[]): string[] {
  return ids.filter((id): id is string => id !== null);
}

// Code-unit order, not locale order, so that every replica sorts the same way.
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}
