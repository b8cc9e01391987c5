import { DomainError } from '../shared/domain.error.js';
import { type CurrencyCode, addCents, isCents, isCurrencyCode } from '../shared/money.js';

export const CHARGE_KINDS = [
  'linehaul',
  'fuel_surcharge',
  'detention',
  'lumper',
  'layover',
  'tonu',
  'stop_off',
  'driver_assist',
  'other',
] as const;

export type ChargeKind = (typeof CHARGE_KINDS)[number];

/**
 * Accessorials that a carrier or dispatcher submits for approval. Detention is not among them: it is derived from
 * stop arrival and departure times, never typed in.
 */
export const SUBMITTED_ACCESSORIAL_KINDS = [
  'lumper',
  'layover',
  'tonu',
  'stop_off',
  'driver_assist',
  'other',
] as const satisfies readonly ChargeKind[];

export type AccessorialKind = (typeof SUBMITTED_ACCESSORIAL_KINDS)[number];

/** Accessorials that hold billing until someone approves or rejects them. */
export const APPROVAL_REQUIRED_ACCESSORIAL_KINDS = [
  'lumper',
  'layover',
  'tonu',
] as const satisfies readonly AccessorialKind[];

/** What `Charge.quantity` counts. `cent` is the base of a percentage charge. */
export const CHARGE_QUANTITY_UNITS = ['mile', 'minute', 'each', 'cent'] as const;

export type ChargeQuantityUnit = (typeof CHARGE_QUANTITY_UNITS)[number];

/** What `Charge.rate` is priced in. */
export const CHARGE_RATE_UNITS = ['cents_per_mile', 'cents_per_hour', 'cents_each', 'basis_points'] as const;

export type ChargeRateUnit = (typeof CHARGE_RATE_UNITS)[number];

/**
 * One priced line of a shipment. `amountCents` is authoritative; `quantity` and `rate` say how it was reached, for
 * the invoice line and for an auditor. Provenance names the rule and the events the amount came from.
 */
export interface Charge {
  readonly kind: ChargeKind;
  readonly description: string;
  /** Integer count of `quantityUnit`: 436 miles, 75 minutes, 1 flat charge. */
  readonly quantity: number;
  readonly quantityUnit: ChargeQuantityUnit;
  /** Integer price per `rateUnit`: 285 cents per mile, 6,000 cents per hour, 1,850 basis points. */
  readonly rate: number;
  readonly rateUnit: ChargeRateUnit;
  /** Integer cents; negative only on credit memos and discounts. */
  readonly amountCents: number;
  readonly currency: CurrencyCode;
  /** Ids of the dispatch events the charge was derived from. */
  readonly sourceEventIds: readonly string[];
  /** Name and version of the rule that produced the charge, e.g. `detention.v1`. */
  readonly rule: string;
}

/** True when an accessorial of this kind holds billing until approved or rejected. */
export function requiresApproval(kind: AccessorialKind): boolean {
  return (APPROVAL_REQUIRED_ACCESSORIAL_KINDS as readonly AccessorialKind[]).includes(kind);
}

/**
 * Builds a {@link Charge} after checking that every number is an integer and the provenance is present.
 * @throws DomainError `INVALID_CHARGE`.
 */
export function createCharge(input: Charge): Charge {
  const problems = chargeProblems(input);
  if (problems.length > 0) {
    throw new DomainError('INVALID_CHARGE', `Invalid ${input.kind} charge: ${problems.join('; ')}.`, {
      details: { problems, rule: input.rule },
    });
  }

  return { ...input, sourceEventIds: [...input.sourceEventIds] };
}

/** Total of the charges in cents. The caller guarantees they share one currency. */
export function sumChargeCents(charges: readonly Charge[]): number {
  return addCents(...charges.map((charge) => charge.amountCents));
}

function chargeProblems(input: Charge): string[] {
  const problems: string[] = [];
  if (!(CHARGE_KINDS as readonly string[]).includes(input.kind)) {
    problems.push(`kind '${input.kind}' is not a charge kind`);
  }
  if (!isCents(input.amountCents)) {
    problems.push(`amountCents must be whole cents, got ${String(input.amountCents)}`);
  }
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 0) {
    problems.push(`quantity must be a non-negative integer, got ${input.quantity}`);
  }
  if (!Number.isSafeInteger(input.rate)) {
    problems.push(`rate must be an integer, got ${input.rate}`);
  }
  if (!isCurrencyCode(input.currency)) {
    problems.push(`currency must be an ISO 4217 code, got '${String(input.currency)}'`);
  }
  if (input.rule.trim() === '') {
    problems.push('rule must name the rule that produced the charge');
  }
  if (input.sourceEventIds.some((id) => id.trim() === '')) {
    problems.push('sourceEventIds must not contain blank ids');
  }

  return problems;
}
