import { describe, expect, it } from 'vitest';

import { type Customer, availableCreditCents } from './customer.js';

function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cus_acme',
    name: 'Acme Foods',
    status: 'active',
    creditLimitCents: 5_000_000,
    openBalanceCents: 1_250_000,
    billingRules: { poRequired: true, currency: 'USD', taxRegion: 'US-OH', paymentTermsDays: 30 },
    ...overrides,
  };
}

describe(availableCreditCents.name, () => {
  it('subtracts the open balance from the credit limit', () => {
    expect(availableCreditCents(customer())).toBe(3_750_000);
  });

  it('goes negative when the customer is over its limit', () => {
    expect(availableCreditCents(customer({ openBalanceCents: 5_000_100 }))).toBe(-100);
  });

  it('refuses a balance that is not whole cents', () => {
    expect(() => availableCreditCents(customer({ openBalanceCents: 10.5 }))).toThrow(/whole number of cents/);
  });
});
