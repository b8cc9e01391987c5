import { DomainError } from './domain.error.js';

/** ISO 4217 alphabetic currency code, such as `USD`. */
export type CurrencyCode = string;

/** An amount of money: always an integer number of cents (minor units) with its currency. */
export interface Money {
  readonly amountCents: number;
  readonly currency: CurrencyCode;
}

/** An exact rational factor, so that money is never multiplied by a float. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** True when `value` is usable as cents: a number that is a safe integer (no NaN, no fraction, no overflow). */
export function isCents(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Returns `value` unchanged when it is a whole number of cents.
 * @throws DomainError `INVALID_MONEY` for NaN, infinities, fractions and integers beyond 2^53.
 */
export function assertCents(value: number, label = 'amount'): number {
  if (!isCents(value)) {
    throw new DomainError('INVALID_MONEY', `${label} must be a whole number of cents, got ${String(value)}.`, {
      details: { label, value: String(value) },
    });
  }

  return value;
}

/** True when `value` looks like an ISO 4217 code (three uppercase letters). */
export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && CURRENCY_CODE.test(value);
}

/**
 * Builds a {@link Money} value after checking both parts.
 * @throws DomainError `INVALID_MONEY` or `INVALID_CURRENCY`.
 */
export function money(amountCents: number, currency: CurrencyCode): Money {
  assertCents(amountCents);
  if (!isCurrencyCode(currency)) {
    throw new DomainError('INVALID_CURRENCY', `currency must be an ISO 4217 code, got '${String(currency)}'.`);
  }

  return { amountCents, currency };
}

/**
 * Adds whole-cent amounts; the empty sum is zero.
 * @throws DomainError `INVALID_MONEY` when an input or the total is not a safe integer.
 */
export function addCents(...amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    total += assertCents(amount);
  }

  return assertCents(total, 'total');
}

/**
 * Adds two amounts of the same currency.
 * @throws DomainError `CURRENCY_MISMATCH` when the currencies differ.
 */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a.currency, b.currency);

  return money(addCents(a.amountCents, b.amountCents), a.currency);
}

/**
 * Adds amounts that must all be in `currency`; `currency` is explicit so that an empty list has one.
 * @throws DomainError `CURRENCY_MISMATCH` when an amount is in another currency.
 */
export function sumMoney(amounts: readonly Money[], currency: CurrencyCode): Money {
  for (const amount of amounts) {
    assertSameCurrency(currency, amount.currency);
  }

  return money(addCents(...amounts.map((amount) => amount.amountCents)), currency);
}

/**
 * Multiplies cents by an exact ratio and rounds half up to the cent. Halves round away from zero, so that a
 * negative amount (a credit memo) is the exact mirror of the positive one it reverses.
 *
 * @example multiplyCents(6000, { numerator: 75, denominator: 60 }) // 7500: 75 minutes at 60.00 an hour
 * @throws DomainError `INVALID_MONEY` for non-integer cents or a result beyond 2^53, `INVALID_RATIO` for a
 * non-integer or non-positive denominator or a non-integer numerator.
 */
export function multiplyCents(cents: number, ratio: Ratio): number {
  assertCents(cents);
  if (!Number.isSafeInteger(ratio.numerator) || !Number.isSafeInteger(ratio.denominator) || ratio.denominator <= 0) {
    throw new DomainError(
      'INVALID_RATIO',
      `ratio must be integer/positive integer, got ${String(ratio.numerator)}/${String(ratio.denominator)}.`,
    );
  }

  // BigInt keeps the intermediate product exact even when it passes 2^53.
  const product = BigInt(cents) * BigInt(ratio.numerator);
  const denominator = BigInt(ratio.denominator);
  const quotient = product / denominator;
  const remainder = product % denominator;
  const absoluteRemainder = remainder < 0n ? -remainder : remainder;
  const roundAway = absoluteRemainder * 2n >= denominator;
  const rounded = roundAway ? quotient + (product < 0n ? -1n : 1n) : quotient;

  return assertCents(Number(rounded), 'product');
}

/** {@link multiplyCents} for a {@link Money} value; the currency is kept. */
export function multiplyMoney(amount: Money, ratio: Ratio): Money {
  return money(multiplyCents(amount.amountCents, ratio), amount.currency);
}

function assertSameCurrency(expected: CurrencyCode, actual: CurrencyCode): void {
  if (expected !== actual) {
    throw new DomainError('CURRENCY_MISMATCH', `cannot combine ${expected} with ${actual}.`, {
      details: { expected, actual },
    });
  }
}

/** ISO 4217 currencies whose minor unit is not a hundredth; every other currency has two decimals. */
const MINOR_UNIT_DIGITS: Readonly<Record<CurrencyCode, number>> = {
  BHD: 3,
  CLP: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  UGX: 0,
  VND: 0,
};

/**
 * The amount as a decimal string in the currency's major unit (`-1622.31` for -162231 USD cents), for formats that
 * want decimals. Built from the digits of the integer, never by dividing a float.
 * @throws DomainError `INVALID_MONEY` when the amount is not a whole number of cents.
 */
export function decimalAmount(amount: Money): string {
  const cents = assertCents(amount.amountCents);
  const digits = MINOR_UNIT_DIGITS[amount.currency] ?? 2;
  const sign = cents < 0 ? '-' : '';
  const magnitude = String(Math.abs(cents));
  if (digits === 0) {
    return `${sign}${magnitude}`;
  }
  const padded = magnitude.padStart(digits + 1, '0');

  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
