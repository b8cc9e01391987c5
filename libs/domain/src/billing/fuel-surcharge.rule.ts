import { type IsoDate, isIsoDate } from '../shared/iso-time.js';
import { isWholeMiles } from '../shared/miles.js';
import { type CurrencyCode, isCents, isCurrencyCode, multiplyCents } from '../shared/money.js';
import { type BillingRuleResult, ruleFailed, ruleSucceeded } from './billing-rule-result.js';
import { type Charge, createCharge } from './charge.js';

export const FUEL_SURCHARGE_RULE = 'fuel_surcharge.v1';

/** A published diesel price (the weekly national average), in effect from `effectiveDate` until the next one. */
export interface DieselPrice {
  readonly effectiveDate: IsoDate;
  /** Integer cents per gallon; a price published to a tenth of a cent is rounded by whoever loads it. */
  readonly centsPerGallon: number;
}

interface BandBounds {
  /** Inclusive lower bound, cents per gallon. */
  readonly minDieselCents: number;
  /** Inclusive upper bound, cents per gallon. */
  readonly maxDieselCents: number;
}

/** One row of a fuel surcharge table: cents per mile, or basis points of the linehaul, for a diesel price range. */
export type FuelSurchargeBand =
  | (BandBounds & { readonly basis: 'per_mile'; readonly surchargeCentsPerMile: number })
  | (BandBounds & { readonly basis: 'percent_of_linehaul'; readonly surchargeBasisPoints: number });

export interface FuelSurchargeTable {
  readonly currency: CurrencyCode;
  readonly bands: readonly FuelSurchargeBand[];
}

export interface FuelSurchargeInput {
  readonly table: FuelSurchargeTable;
  readonly dieselPrices: readonly DieselPrice[];
  /** Calendar date of the pickup, in the pickup's own time zone. */
  readonly pickupDate: IsoDate;
  readonly routeMiles: number;
  /** Needed only by percentage bands. */
  readonly linehaulCents?: number;
  readonly sourceEventIds: readonly string[];
}

/** The diesel price in effect on `date`: the latest one whose effective date is not after it. */
export function findDieselPrice(prices: readonly DieselPrice[], date: IsoDate): DieselPrice | null {
  let found: DieselPrice | null = null;
  for (const price of prices) {
    // ISO dates compare correctly as strings.
    if (price.effectiveDate <= date && (found === null || price.effectiveDate > found.effectiveDate)) {
      found = price;
    }
  }

  return found;
}

/**
 * Prices the fuel surcharge from the diesel price in effect on the pickup date. A price that no band covers, or
 * that two bands cover, is an error in the contract data and comes back as a failed result.
 */
export function rateFuelSurcharge(input: FuelSurchargeInput): BillingRuleResult {
  const invalid = describeInvalidInput(input);
  if (invalid !== null) {
    return ruleFailed(FUEL_SURCHARGE_RULE, 'INVALID_INPUT', invalid);
  }

  const diesel = findDieselPrice(input.dieselPrices, input.pickupDate);
  if (diesel === null) {
    return ruleFailed(FUEL_SURCHARGE_RULE, 'NO_DIESEL_PRICE', `No diesel price is in effect on ${input.pickupDate}.`);
  }

  const bands = input.table.bands.filter(
    (band) => band.minDieselCents <= diesel.centsPerGallon && diesel.centsPerGallon <= band.maxDieselCents,
  );
  const price = `diesel at ${diesel.centsPerGallon} cents/gal from ${diesel.effectiveDate}`;
  if (bands.length === 0) {
    return ruleFailed(FUEL_SURCHARGE_RULE, 'NO_FUEL_SURCHARGE_BAND', `No fuel surcharge band covers ${price}.`);
  }
  if (bands.length > 1) {
    return ruleFailed(FUEL_SURCHARGE_RULE, 'AMBIGUOUS_FUEL_SURCHARGE_BAND', `${bands.length} bands cover ${price}.`);
  }

  return priceBand(bands[0], input, price);
}

function priceBand(band: FuelSurchargeBand, input: FuelSurchargeInput, price: string): BillingRuleResult<Charge> {
  switch (band.basis) {
    case 'per_mile':
      return perMileSurcharge(band.surchargeCentsPerMile, input, price);
    case 'percent_of_linehaul':
      return percentSurcharge(band.surchargeBasisPoints, input, price);
  }
}

function perMileSurcharge(centsPerMile: number, input: FuelSurchargeInput, price: string): BillingRuleResult<Charge> {
  const amountCents = input.routeMiles * centsPerMile;
  if (!isCents(amountCents)) {
    return ruleFailed(
      FUEL_SURCHARGE_RULE,
      'INVALID_INPUT',
      `${input.routeMiles} mi at ${centsPerMile} cents/mi overflows.`,
    );
  }

  return ruleSucceeded(
    createCharge({
      ...chargeProvenance(input),
      description: `Fuel surcharge: ${input.routeMiles} mi at ${centsPerMile} cents/mi (${price})`,
      quantity: input.routeMiles,
      quantityUnit: 'mile',
      rate: centsPerMile,
      rateUnit: 'cents_per_mile',
      amountCents,
    }),
  );
}

function percentSurcharge(basisPoints: number, input: FuelSurchargeInput, price: string): BillingRuleResult<Charge> {
  const linehaulCents = input.linehaulCents;
  if (linehaulCents === undefined) {
    return ruleFailed(FUEL_SURCHARGE_RULE, 'LINEHAUL_REQUIRED', `A percentage band needs the linehaul (${price}).`);
  }

  return ruleSucceeded(
    createCharge({
      ...chargeProvenance(input),
      description: `Fuel surcharge: ${formatBasisPoints(basisPoints)} of ${linehaulCents} cents linehaul (${price})`,
      quantity: linehaulCents,
      quantityUnit: 'cent',
      rate: basisPoints,
      rateUnit: 'basis_points',
      amountCents: multiplyCents(linehaulCents, { numerator: basisPoints, denominator: 10_000 }),
    }),
  );
}

function chargeProvenance(input: FuelSurchargeInput) {
  return {
    kind: 'fuel_surcharge',
    currency: input.table.currency,
    sourceEventIds: input.sourceEventIds,
    rule: FUEL_SURCHARGE_RULE,
  } as const;
}

function describeInvalidInput(input: FuelSurchargeInput): string | null {
  if (!isCurrencyCode(input.table.currency)) {
    return `currency must be an ISO 4217 code, got '${String(input.table.currency)}'.`;
  }
  if (!isIsoDate(input.pickupDate)) {
    return `pickupDate must be YYYY-MM-DD, got '${String(input.pickupDate)}'.`;
  }
  if (!isWholeMiles(input.routeMiles) || input.routeMiles === 0) {
    return `routeMiles must be a positive whole number, got ${input.routeMiles}.`;
  }
  if (input.linehaulCents !== undefined && (!isCents(input.linehaulCents) || input.linehaulCents < 0)) {
    return `linehaulCents must be whole cents, got ${input.linehaulCents}.`;
  }

  const badPrice = input.dieselPrices.find(
    (p) => !isIsoDate(p.effectiveDate) || !isNonNegativeInteger(p.centsPerGallon),
  );
  if (badPrice !== undefined) {
    return `diesel price ${badPrice.effectiveDate} must have a date and whole cents per gallon.`;
  }

  const badBand = input.table.bands.find((band) => !isWellFormedBand(band));
  if (badBand !== undefined) {
    return `band ${badBand.minDieselCents}-${badBand.maxDieselCents} must have integer bounds in order and an integer surcharge.`;
  }

  return null;
}

function isWellFormedBand(band: FuelSurchargeBand): boolean {
  const surcharge = band.basis === 'per_mile' ? band.surchargeCentsPerMile : band.surchargeBasisPoints;

  return (
    isNonNegativeInteger(band.minDieselCents) &&
    isNonNegativeInteger(band.maxDieselCents) &&
    band.minDieselCents <= band.maxDieselCents &&
    isNonNegativeInteger(surcharge)
  );
}

function isNonNegativeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function formatBasisPoints(basisPoints: number): string {
  return `${Math.trunc(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}%`;
}
