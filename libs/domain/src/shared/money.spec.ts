import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DomainError } from './domain.error.js';
import {
  addCents,
  addMoney,
  assertCents,
  decimalAmount,
  isCents,
  isCurrencyCode,
  money,
  multiplyCents,
  multiplyMoney,
  sumMoney,
} from './money.js';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'NOT_A_DOMAIN_ERROR';
  }

  return undefined;
}

describe('money', () => {
  describe(isCents.name, () => {
    it.each([0, 1, -250, Number.MAX_SAFE_INTEGER])('accepts the whole number of cents %s', (value) => {
      expect(isCents(value)).toBe(true);
    });

    it.each([Number.NaN, 1.5, 0.1 + 0.2, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, '100', null])(
      'rejects %s as cents',
      (value) => {
        expect(isCents(value)).toBe(false);
      },
    );
  });

  describe(assertCents.name, () => {
    it('returns whole cents unchanged', () => {
      expect(assertCents(124_260)).toBe(124_260);
    });

    it('throws INVALID_MONEY for NaN and for fractions of a cent', () => {
      expect(codeOf(() => assertCents(Number.NaN))).toBe('INVALID_MONEY');
      expect(codeOf(() => assertCents(12.5, 'rate'))).toBe('INVALID_MONEY');
      expect(() => assertCents(12.5, 'rate')).toThrow(/rate must be a whole number of cents, got 12.5/);
    });
  });

  describe(isCurrencyCode.name, () => {
    it('accepts three uppercase letters and nothing else', () => {
      expect(isCurrencyCode('USD')).toBe(true);
      expect(isCurrencyCode('usd')).toBe(false);
      expect(isCurrencyCode('US')).toBe(false);
      expect(isCurrencyCode(840)).toBe(false);
    });
  });

  describe(money.name, () => {
    it('builds a value from whole cents and a currency code', () => {
      expect(money(1999, 'USD')).toEqual({ amountCents: 1999, currency: 'USD' });
    });

    it('rejects a float amount and a malformed currency', () => {
      expect(codeOf(() => money(19.99, 'USD'))).toBe('INVALID_MONEY');
      expect(codeOf(() => money(1999, 'dollars'))).toBe('INVALID_CURRENCY');
    });
  });

  describe(addCents.name, () => {
    it('adds whole cents and treats the empty sum as zero', () => {
      expect(addCents(124_260, 22_672, 7_500)).toBe(154_432);
      expect(addCents()).toBe(0);
    });

    it('rejects a float among the amounts', () => {
      expect(codeOf(() => addCents(100, 0.5))).toBe('INVALID_MONEY');
    });

    it('rejects a total that would lose precision', () => {
      expect(codeOf(() => addCents(Number.MAX_SAFE_INTEGER, 1))).toBe('INVALID_MONEY');
    });
  });

  describe(addMoney.name, () => {
    it('adds amounts of the same currency', () => {
      expect(addMoney(money(100, 'USD'), money(250, 'USD'))).toEqual(money(350, 'USD'));
    });

    it('refuses to add different currencies', () => {
      expect(codeOf(() => addMoney(money(100, 'USD'), money(100, 'CAD')))).toBe('CURRENCY_MISMATCH');
    });
  });

  describe(sumMoney.name, () => {
    it('sums amounts in the given currency, zero for none', () => {
      expect(sumMoney([money(1, 'USD'), money(2, 'USD')], 'USD')).toEqual(money(3, 'USD'));
      expect(sumMoney([], 'CAD')).toEqual(money(0, 'CAD'));
    });

    it('refuses an amount in another currency', () => {
      expect(codeOf(() => sumMoney([money(1, 'USD'), money(2, 'MXN')], 'USD'))).toBe('CURRENCY_MISMATCH');
    });
  });

  describe(multiplyCents.name, () => {
    it('multiplies exactly when the ratio divides evenly', () => {
      expect(multiplyCents(6000, { numerator: 75, denominator: 60 })).toBe(7500);
    });

    it('rounds a half cent up', () => {
      // 5,999 cents/hour for 15 minutes is 1,499.75 cents; 1 cent at half is 0.5.
      expect(multiplyCents(5999, { numerator: 15, denominator: 60 })).toBe(1500);
      expect(multiplyCents(1, { numerator: 1, denominator: 2 })).toBe(1);
    });

    it('rounds below half a cent down', () => {
      expect(multiplyCents(1, { numerator: 49, denominator: 100 })).toBe(0);
      expect(multiplyCents(10_001, { numerator: 1, denominator: 4 })).toBe(2500);
    });

    it('rounds a negative half cent away from zero so a credit mirrors its charge', () => {
      expect(multiplyCents(-1, { numerator: 1, denominator: 2 })).toBe(-1);
      expect(multiplyCents(-5999, { numerator: 15, denominator: 60 })).toBe(-1500);
      expect(multiplyCents(-1, { numerator: 49, denominator: 100 })).toBe(0);
    });

    it('stays exact when the intermediate product passes 2^53', () => {
      expect(multiplyCents(Number.MAX_SAFE_INTEGER, { numerator: 3, denominator: 3 })).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('rejects float cents, float ratios and a zero or negative denominator', () => {
      expect(codeOf(() => multiplyCents(10.5, { numerator: 1, denominator: 1 }))).toBe('INVALID_MONEY');
      expect(codeOf(() => multiplyCents(10, { numerator: 1.5, denominator: 1 }))).toBe('INVALID_RATIO');
      expect(codeOf(() => multiplyCents(10, { numerator: 1, denominator: 0 }))).toBe('INVALID_RATIO');
      expect(codeOf(() => multiplyCents(10, { numerator: 1, denominator: -2 }))).toBe('INVALID_RATIO');
    });

    it('rejects a result too large to store as cents', () => {
      expect(codeOf(() => multiplyCents(Number.MAX_SAFE_INTEGER, { numerator: 2, denominator: 1 }))).toBe(
        'INVALID_MONEY',
      );
    });
  });

  describe(multiplyMoney.name, () => {
    it('keeps the currency', () => {
      expect(multiplyMoney(money(124_260, 'CAD'), { numerator: 1850, denominator: 10_000 })).toEqual(
        money(22_988, 'CAD'),
      );
    });
  });
});

describe(decimalAmount.name, () => {
  it('writes cents as a decimal of the major unit, exactly, with the sign in front', () => {
    expect(decimalAmount(money(162_231, 'USD'))).toBe('1622.31');
    expect(decimalAmount(money(-162_231, 'USD'))).toBe('-1622.31');
    expect(decimalAmount(money(5, 'USD'))).toBe('0.05');
    expect(decimalAmount(money(-7, 'USD'))).toBe('-0.07');
    expect(decimalAmount(money(0, 'USD'))).toBe('0.00');
    expect(decimalAmount(money(Number.MAX_SAFE_INTEGER, 'USD'))).toBe('90071992547409.91');
  });

  it('uses the minor unit of the currency: none for JPY, thousandths for TND', () => {
    expect(decimalAmount(money(1_500, 'JPY'))).toBe('1500');
    expect(decimalAmount(money(1_500, 'TND'))).toBe('1.500');
  });

  it('agrees with the cents for every amount: the digits, the point moved, nothing rounded', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (cents) => {
        const text = decimalAmount(money(cents, 'USD'));

        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(cents));
      }),
    );
  });

  it('refuses an amount that is not a whole number of cents', () => {
    expect(codeOf(() => decimalAmount({ amountCents: 10.5, currency: 'USD' }))).toBe('INVALID_MONEY');
  });
});
