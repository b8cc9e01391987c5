import { describe, expect, it } from 'vitest';

import { DomainError } from '../shared/domain.error.js';
import { type Charge, createCharge, requiresApproval, sumChargeCents } from './charge.js';

const linehaul: Charge = {
  kind: 'linehaul',
  description: 'Linehaul: 436 mi at 285 cents/mi',
  quantity: 436,
  quantityUnit: 'mile',
  rate: 285,
  rateUnit: 'cents_per_mile',
  amountCents: 124_260,
  currency: 'USD',
  sourceEventIds: ['evt_assigned'],
  rule: 'linehaul.per_mile.v1',
};

describe('charge', () => {
  describe(createCharge.name, () => {
    it('returns a valid charge with its own copy of the source event ids', () => {
      const ids = ['evt_assigned'];
      const charge = createCharge({ ...linehaul, sourceEventIds: ids });
      ids.push('evt_later');

      expect(charge).toEqual(linehaul);
    });

    it('rejects a float amount, a fractional quantity and a missing rule together', () => {
      let thrown: unknown;
      try {
        createCharge({ ...linehaul, amountCents: 1242.6, quantity: 43.6, rule: ' ' });
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('INVALID_CHARGE');
      expect((thrown as DomainError).details['problems']).toHaveLength(3);
    });

    it('rejects a float rate and an unknown currency', () => {
      expect(() => createCharge({ ...linehaul, rate: 2.85 })).toThrow(/rate must be an integer/);
      expect(() => createCharge({ ...linehaul, currency: 'usd' })).toThrow(/ISO 4217/);
    });

    it('rejects an unknown kind and a blank source event id', () => {
      expect(() => createCharge({ ...linehaul, kind: 'toll' as Charge['kind'] })).toThrow(/not a charge kind/);
      expect(() => createCharge({ ...linehaul, sourceEventIds: [''] })).toThrow(/blank ids/);
    });

    it('accepts a negative amount for a credit line', () => {
      expect(createCharge({ ...linehaul, amountCents: -124_260 }).amountCents).toBe(-124_260);
    });
  });

  describe(requiresApproval.name, () => {
    it('holds lumper, layover and truck order not used for approval, but not a stop-off', () => {
      expect(requiresApproval('lumper')).toBe(true);
      expect(requiresApproval('layover')).toBe(true);
      expect(requiresApproval('tonu')).toBe(true);
      expect(requiresApproval('stop_off')).toBe(false);
    });
  });

  describe(sumChargeCents.name, () => {
    it('adds the amounts of the charges', () => {
      expect(sumChargeCents([linehaul, { ...linehaul, kind: 'detention', amountCents: 7_500 }])).toBe(131_760);
      expect(sumChargeCents([])).toBe(0);
    });
  });
});
