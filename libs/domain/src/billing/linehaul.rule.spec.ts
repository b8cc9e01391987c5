import { describe, expect, it } from 'vitest';

import { LINEHAUL_FLAT_RULE, LINEHAUL_PER_MILE_RULE, rateLinehaul } from './linehaul.rule.js';

describe(rateLinehaul.name, () => {
  it('bills 436 miles at 285 cents a mile as 124,260 cents, citing the assignment', () => {
    const result = rateLinehaul({
      laneRate: { basis: 'per_mile', rateCentsPerMile: 285, currency: 'USD' },
      routeMiles: 436,
      sourceEventIds: ['evt_assigned'],
    });

    expect(result).toEqual({
      ok: true,
      charge: {
        kind: 'linehaul',
        description: 'Linehaul: 436 mi at 285 cents/mi',
        quantity: 436,
        quantityUnit: 'mile',
        rate: 285,
        rateUnit: 'cents_per_mile',
        amountCents: 124_260,
        currency: 'USD',
        sourceEventIds: ['evt_assigned'],
        rule: LINEHAUL_PER_MILE_RULE,
      },
    });
  });

  it('re-rates with the new miles after a reassignment', () => {
    const result = rateLinehaul({
      laneRate: { basis: 'per_mile', rateCentsPerMile: 285, currency: 'USD' },
      routeMiles: 452,
      sourceEventIds: ['evt_assigned', 'evt_reassigned'],
    });

    expect(result.ok && result.charge.amountCents).toBe(128_820);
    expect(result.ok && result.charge.sourceEventIds).toEqual(['evt_assigned', 'evt_reassigned']);
  });

  it('bills a flat lane rate whatever the miles', () => {
    const result = rateLinehaul({
      laneRate: { basis: 'flat', flatCents: 150_000, currency: 'CAD' },
      routeMiles: 436,
      sourceEventIds: ['evt_assigned'],
    });

    expect(result.ok && result.charge).toMatchObject({
      amountCents: 150_000,
      quantity: 1,
      quantityUnit: 'each',
      rate: 150_000,
      rateUnit: 'cents_each',
      currency: 'CAD',
      rule: LINEHAUL_FLAT_RULE,
    });
  });

  it.each([
    ['fractional miles', { basis: 'per_mile', rateCentsPerMile: 285, currency: 'USD' }, 436.4],
    ['zero miles', { basis: 'per_mile', rateCentsPerMile: 285, currency: 'USD' }, 0],
    ['a rate in fractional cents', { basis: 'per_mile', rateCentsPerMile: 2.85, currency: 'USD' }, 436],
    ['a negative flat amount', { basis: 'flat', flatCents: -1, currency: 'USD' }, 436],
    ['a malformed currency', { basis: 'flat', flatCents: 100, currency: 'dollars' }, 436],
    [
      'an amount beyond safe integers',
      { basis: 'per_mile', rateCentsPerMile: Number.MAX_SAFE_INTEGER, currency: 'USD' },
      2,
    ],
  ] as const)('refuses %s with INVALID_INPUT', (_case, laneRate, routeMiles) => {
    const result = rateLinehaul({ laneRate, routeMiles, sourceEventIds: ['evt_assigned'] });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
  });
});
