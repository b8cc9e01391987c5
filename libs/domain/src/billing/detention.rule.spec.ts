import { describe, expect, it } from 'vitest';

import { DETENTION_RULE, type DetentionInput, type DetentionTerms, rateDetention } from './detention.rule.js';

const terms: DetentionTerms = {
  freeMinutes: 120,
  incrementMinutes: 15,
  hourlyRateCents: 6_000,
  capCents: 30_000,
  currency: 'USD',
};

function stopVisit(arrivedAt: string, departedAt: string, overrides: Partial<DetentionTerms> = {}): DetentionInput {
  return {
    terms: { ...terms, ...overrides },
    stopSequence: 2,
    arrivedAt,
    departedAt,
    sourceEventIds: ['evt_arrived_2', 'evt_departed_2'],
  };
}

describe(rateDetention.name, () => {
  it('bills 1 h 15 min of detention for a 09:50-13:00 stop with two hours free', () => {
    const result = rateDetention(stopVisit('2024-03-06T09:50:00Z', '2024-03-06T13:00:00Z'));

    expect(result).toEqual({
      ok: true,
      charge: {
        kind: 'detention',
        description: 'Detention at stop 2: 3 h 10 min on site, 2 h free, 1 h 15 min billed at 6000 cents/h',
        quantity: 75,
        quantityUnit: 'minute',
        rate: 6_000,
        rateUnit: 'cents_per_hour',
        amountCents: 7_500,
        currency: 'USD',
        sourceEventIds: ['evt_arrived_2', 'evt_departed_2'],
        rule: DETENTION_RULE,
      },
    });
  });

  it('rounds 70 minutes past the free time up to 75', () => {
    const result = rateDetention(stopVisit('2024-03-06T08:00:00Z', '2024-03-06T11:10:00Z'));

    expect(result.ok && result.charge?.quantity).toBe(75);
    expect(result.ok && result.charge?.amountCents).toBe(7_500);
  });

  it('bills a whole increment for one second past the free time', () => {
    const result = rateDetention(stopVisit('2024-03-06T08:00:00Z', '2024-03-06T10:00:01Z'));

    expect(result.ok && result.charge?.quantity).toBe(15);
    expect(result.ok && result.charge?.amountCents).toBe(1_500);
  });

  it('does not round a stay that ends exactly on an increment', () => {
    const result = rateDetention(stopVisit('2024-03-06T08:00:00Z', '2024-03-06T11:30:00Z', { incrementMinutes: 30 }));

    expect(result.ok && result.charge?.quantity).toBe(90);
    expect(result.ok && result.charge?.amountCents).toBe(9_000);
  });

  it('charges nothing when the truck leaves exactly at the end of the free time', () => {
    expect(rateDetention(stopVisit('2024-03-06T08:00:00Z', '2024-03-06T10:00:00Z'))).toEqual({
      ok: true,
      charge: null,
    });
  });

  it('charges nothing when the truck leaves within the free time', () => {
    expect(rateDetention(stopVisit('2024-03-06T08:00:00Z', '2024-03-06T08:45:00Z'))).toEqual({
      ok: true,
      charge: null,
    });
  });

  it('caps a long wait at the contract cap and says so', () => {
    // 9 h on site: 7 h over at 60.00/h would be 42,000 cents.
    const result = rateDetention(stopVisit('2024-03-06T06:00:00Z', '2024-03-06T15:00:00Z'));

    expect(result.ok && result.charge).toMatchObject({ quantity: 420, amountCents: 30_000 });
    expect(result.ok && result.charge?.description).toMatch(/, capped at 30000 cents$/);
  });

  it('rounds a fraction of a cent half up', () => {
    // 15 minutes at 5,999 cents an hour is 1,499.75 cents.
    const result = rateDetention(stopVisit('2024-03-06T08:00:00Z', '2024-03-06T10:10:00Z', { hourlyRateCents: 5_999 }));

    expect(result.ok && result.charge?.amountCents).toBe(1_500);
  });

  it('counts waiting across midnight', () => {
    const result = rateDetention(stopVisit('2024-03-06T23:00:00Z', '2024-03-07T02:30:00Z'));

    expect(result.ok && result.charge?.quantity).toBe(90);
  });

  it('rejects a departure before the arrival', () => {
    const result = rateDetention(stopVisit('2024-03-06T13:00:00Z', '2024-03-06T09:50:00Z'));

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'DEPARTURE_BEFORE_ARRIVAL',
        rule: DETENTION_RULE,
        message: 'Stop 2 departure 2024-03-06T09:50:00Z is before its arrival 2024-03-06T13:00:00Z.',
      },
    });
  });

  it.each([
    ['a local arrival time', stopVisit('2024-03-06T09:50:00', '2024-03-06T13:00:00Z')],
    ['a zero increment', stopVisit('2024-03-06T09:50:00Z', '2024-03-06T13:00:00Z', { incrementMinutes: 0 })],
    ['fractional free minutes', stopVisit('2024-03-06T09:50:00Z', '2024-03-06T13:00:00Z', { freeMinutes: 119.5 })],
    [
      'a rate in fractional cents',
      stopVisit('2024-03-06T09:50:00Z', '2024-03-06T13:00:00Z', { hourlyRateCents: 60.5 }),
    ],
    ['a negative cap', stopVisit('2024-03-06T09:50:00Z', '2024-03-06T13:00:00Z', { capCents: -1 })],
    ['a malformed currency', stopVisit('2024-03-06T09:50:00Z', '2024-03-06T13:00:00Z', { currency: 'US$' })],
    ['stop sequence zero', { ...stopVisit('2024-03-06T09:50:00Z', '2024-03-06T13:00:00Z'), stopSequence: 0 }],
  ])('refuses %s with INVALID_INPUT', (_case, input) => {
    const result = rateDetention(input);

    expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
  });
});
