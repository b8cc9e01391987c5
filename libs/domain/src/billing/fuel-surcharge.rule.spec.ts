import { describe, expect, it } from 'vitest';

import {
  type DieselPrice,
  FUEL_SURCHARGE_RULE,
  type FuelSurchargeInput,
  type FuelSurchargeTable,
  findDieselPrice,
  rateFuelSurcharge,
} from './fuel-surcharge.rule.js';

const prices: readonly DieselPrice[] = [
  { effectiveDate: '2024-02-26', centsPerGallon: 402 },
  { effectiveDate: '2024-03-11', centsPerGallon: 371 },
  { effectiveDate: '2024-03-04', centsPerGallon: 389 },
];

const table: FuelSurchargeTable = {
  currency: 'USD',
  bands: [
    { basis: 'per_mile', minDieselCents: 300, maxDieselCents: 349, surchargeCentsPerMile: 44 },
    { basis: 'per_mile', minDieselCents: 350, maxDieselCents: 399, surchargeCentsPerMile: 52 },
    { basis: 'per_mile', minDieselCents: 400, maxDieselCents: 449, surchargeCentsPerMile: 60 },
  ],
};

const input: FuelSurchargeInput = {
  table,
  dieselPrices: prices,
  pickupDate: '2024-03-06',
  routeMiles: 436,
  sourceEventIds: ['evt_assigned', 'evt_departed_origin'],
};

describe('fuel surcharge', () => {
  describe(findDieselPrice.name, () => {
    it('uses the latest price in effect on the date, whatever the list order', () => {
      expect(findDieselPrice(prices, '2024-03-06')?.centsPerGallon).toBe(389);
      expect(findDieselPrice(prices, '2024-03-11')?.centsPerGallon).toBe(371);
      expect(findDieselPrice(prices, '2024-03-03')?.centsPerGallon).toBe(402);
    });

    it('finds nothing before the first published price', () => {
      expect(findDieselPrice(prices, '2024-02-25')).toBeNull();
    });
  });

  describe(rateFuelSurcharge.name, () => {
    it('bills 436 miles at 52 cents a mile when diesel is 389 cents in the pickup week', () => {
      const result = rateFuelSurcharge(input);

      expect(result).toEqual({
        ok: true,
        charge: {
          kind: 'fuel_surcharge',
          description: 'Fuel surcharge: 436 mi at 52 cents/mi (diesel at 389 cents/gal from 2024-03-04)',
          quantity: 436,
          quantityUnit: 'mile',
          rate: 52,
          rateUnit: 'cents_per_mile',
          amountCents: 22_672,
          currency: 'USD',
          sourceEventIds: ['evt_assigned', 'evt_departed_origin'],
          rule: FUEL_SURCHARGE_RULE,
        },
      });
    });

    it('includes both ends of a band', () => {
      const atMin = rateFuelSurcharge({
        ...input,
        dieselPrices: [{ effectiveDate: '2024-03-04', centsPerGallon: 350 }],
      });
      const atMax = rateFuelSurcharge({
        ...input,
        dieselPrices: [{ effectiveDate: '2024-03-04', centsPerGallon: 399 }],
      });

      expect(atMin.ok && atMin.charge.rate).toBe(52);
      expect(atMax.ok && atMax.charge.rate).toBe(52);
    });

    it('bills a percentage band on the linehaul, rounding half up to the cent', () => {
      const result = rateFuelSurcharge({
        ...input,
        linehaulCents: 124_260,
        table: {
          currency: 'USD',
          bands: [
            { basis: 'percent_of_linehaul', minDieselCents: 350, maxDieselCents: 399, surchargeBasisPoints: 1_850 },
          ],
        },
      });

      expect(result.ok && result.charge).toMatchObject({
        description: 'Fuel surcharge: 18.50% of 124260 cents linehaul (diesel at 389 cents/gal from 2024-03-04)',
        quantity: 124_260,
        quantityUnit: 'cent',
        rate: 1_850,
        rateUnit: 'basis_points',
        amountCents: 22_988,
      });
    });

    it('refuses a percentage band without the linehaul', () => {
      const result = rateFuelSurcharge({
        ...input,
        table: {
          currency: 'USD',
          bands: [
            { basis: 'percent_of_linehaul', minDieselCents: 0, maxDieselCents: 999, surchargeBasisPoints: 1_850 },
          ],
        },
      });

      expect(!result.ok && result.error.code).toBe('LINEHAUL_REQUIRED');
    });

    it('refuses a diesel price that no band covers', () => {
      const result = rateFuelSurcharge({
        ...input,
        dieselPrices: [{ effectiveDate: '2024-03-04', centsPerGallon: 512 }],
      });

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'NO_FUEL_SURCHARGE_BAND',
          rule: FUEL_SURCHARGE_RULE,
          message: 'No fuel surcharge band covers diesel at 512 cents/gal from 2024-03-04.',
        },
      });
    });

    it('refuses a diesel price that two overlapping bands cover', () => {
      const overlapping: FuelSurchargeTable = {
        currency: 'USD',
        bands: [
          ...table.bands,
          { basis: 'per_mile', minDieselCents: 380, maxDieselCents: 420, surchargeCentsPerMile: 55 },
        ],
      };
      const result = rateFuelSurcharge({ ...input, table: overlapping });

      expect(!result.ok && result.error.code).toBe('AMBIGUOUS_FUEL_SURCHARGE_BAND');
    });

    it('refuses a pickup before any published diesel price', () => {
      const result = rateFuelSurcharge({ ...input, pickupDate: '2024-01-02' });

      expect(!result.ok && result.error.code).toBe('NO_DIESEL_PRICE');
    });

    it.each([
      ['a timestamp as pickup date', { pickupDate: '2024-03-06T10:00:00Z' }],
      ['fractional miles', { routeMiles: 436.2 }],
      ['a fractional diesel price', { dieselPrices: [{ effectiveDate: '2024-03-04', centsPerGallon: 389.9 }] }],
      [
        'a band with bounds out of order',
        {
          table: {
            currency: 'USD',
            bands: [{ basis: 'per_mile', minDieselCents: 399, maxDieselCents: 350, surchargeCentsPerMile: 52 }],
          },
        },
      ],
      ['a float linehaul', { linehaulCents: 1242.6 }],
    ] as const)('refuses %s with INVALID_INPUT', (_case, overrides) => {
      const result = rateFuelSurcharge({ ...input, ...overrides });

      expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
    });
  });
});
