import { type IsoUtcTimestamp, parseIsoUtc } from '../shared/iso-time.js';
import { type CurrencyCode, isCents, isCurrencyCode, multiplyCents } from '../shared/money.js';
import { type BillingRuleResult, ruleFailed, ruleSucceeded } from './billing-rule-result.js';
import { type Charge, createCharge } from './charge.js';

export const DETENTION_RULE = 'detention.v1';

const MS_PER_MINUTE = 60_000;

/** The detention clause of a contract. */
export interface DetentionTerms {
  /** Waiting that is included in the rate, typically 120. */
  readonly freeMinutes: number;
  /** Billing step; time past the free time is rounded up to a multiple of it, typically 15 or 30. */
  readonly incrementMinutes: number;
  readonly hourlyRateCents: number;
  /** Most that one stop's detention can cost. */
  readonly capCents: number;
  readonly currency: CurrencyCode;
}

export interface DetentionInput {
  readonly terms: DetentionTerms;
  readonly stopSequence: number;
  readonly arrivedAt: IsoUtcTimestamp;
  readonly departedAt: IsoUtcTimestamp;
  /** The arrival and departure events the times came from: detention is derived, never typed in. */
  readonly sourceEventIds: readonly string[];
}

/**
 * Prices detention at one stop: the time on site past the free time, rounded up to the increment, at the hourly
 * rate (half up to the cent), capped. Returns a `null` charge when the truck left within the free time.
 *
 * @example arrive 09:50, depart 13:00, 120 minutes free, 15-minute increment: 70 minutes over, 75 billed; at
 * 6,000 cents an hour that is 7,500 cents.
 */
export function rateDetention(input: DetentionInput): BillingRuleResult<Charge | null> {
  const invalid = describeInvalidInput(input);
  const arrivedMs = parseIsoUtc(input.arrivedAt);
  const departedMs = parseIsoUtc(input.departedAt);
  if (invalid !== null || arrivedMs === null || departedMs === null) {
    return ruleFailed(
      DETENTION_RULE,
      'INVALID_INPUT',
      invalid ?? 'arrivedAt and departedAt must be ISO 8601 UTC timestamps.',
    );
  }
  if (departedMs < arrivedMs) {
    return ruleFailed(
      DETENTION_RULE,
      'DEPARTURE_BEFORE_ARRIVAL',
      `Stop ${input.stopSequence} departure ${input.departedAt} is before its arrival ${input.arrivedAt}.`,
    );
  }

  const { freeMinutes, incrementMinutes, hourlyRateCents, capCents, currency } = input.terms;
  const overMs = departedMs - arrivedMs - freeMinutes * MS_PER_MINUTE;
  if (overMs <= 0) {
    return ruleSucceeded(null);
  }

  const billableMinutes = Math.ceil(overMs / (incrementMinutes * MS_PER_MINUTE)) * incrementMinutes;
  const uncappedCents = multiplyCents(hourlyRateCents, { numerator: billableMinutes, denominator: 60 });
  const amountCents = Math.min(uncappedCents, capCents);
  if (amountCents === 0) {
    return ruleSucceeded(null);
  }

  const onSite = formatMinutes(Math.floor((departedMs - arrivedMs) / MS_PER_MINUTE));
  const capped = amountCents < uncappedCents ? `, capped at ${capCents} cents` : '';

  return ruleSucceeded(
    createCharge({
      kind: 'detention',
      description:
        `Detention at stop ${input.stopSequence}: ${onSite} on site, ${formatMinutes(freeMinutes)} free, ` +
        `${formatMinutes(billableMinutes)} billed at ${hourlyRateCents} cents/h${capped}`,
      quantity: billableMinutes,
      quantityUnit: 'minute',
      rate: hourlyRateCents,
      rateUnit: 'cents_per_hour',
      amountCents,
      currency,
      sourceEventIds: input.sourceEventIds,
      rule: DETENTION_RULE,
    }),
  );
}

function describeInvalidInput(input: DetentionInput): string | null {
  const { freeMinutes, incrementMinutes, hourlyRateCents, capCents, currency } = input.terms;
  if (!Number.isSafeInteger(freeMinutes) || freeMinutes < 0) {
    return `freeMinutes must be a non-negative integer, got ${freeMinutes}.`;
  }
  if (!Number.isSafeInteger(incrementMinutes) || incrementMinutes < 1) {
    return `incrementMinutes must be a positive integer, got ${incrementMinutes}.`;
  }
  if (!isCents(hourlyRateCents) || hourlyRateCents < 0) {
    return `hourlyRateCents must be whole cents, got ${hourlyRateCents}.`;
  }
  if (!isCents(capCents) || capCents < 0) {
    return `capCents must be whole cents, got ${capCents}.`;
  }
  if (!isCurrencyCode(currency)) {
    return `currency must be an ISO 4217 code, got '${String(currency)}'.`;
  }
  if (!Number.isSafeInteger(input.stopSequence) || input.stopSequence < 1) {
    return `stopSequence must be a positive integer, got ${input.stopSequence}.`;
  }

  return null;
}

function formatMinutes(totalMinutes: number): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) {
    return `${minutes} min`;
  }

  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
