import { describe, expect, it } from 'vitest';

import { DomainError } from '../shared/domain.error.js';
import { createCarrier, isScac } from './carrier.js';

describe('carrier', () => {
  describe(isScac.name, () => {
    it.each(['UP', 'ABF', 'SWFT'])('accepts the SCAC %s', (scac) => {
      expect(isScac(scac)).toBe(true);
    });

    it.each(['S', 'SWIFT', 'swft', 'SW1T', 'SW T', '', 42])('refuses %j as a SCAC', (scac) => {
      expect(isScac(scac)).toBe(false);
    });
  });

  describe(createCarrier.name, () => {
    it('builds a carrier with a trimmed name', () => {
      expect(createCarrier({ scac: 'SWFT', name: '  Swift Transportation ' })).toEqual({
        scac: 'SWFT',
        name: 'Swift Transportation',
      });
    });

    it('rejects a lowercase SCAC with INVALID_CARRIER', () => {
      expect(() => createCarrier({ scac: 'swft', name: 'Swift' })).toThrow(DomainError);
      expect(() => createCarrier({ scac: 'swft', name: 'Swift' })).toThrow(/SCAC must be 2-4 uppercase letters/);
    });

    it('rejects a blank name', () => {
      expect(() => createCarrier({ scac: 'SWFT', name: '  ' })).toThrow(/needs a name/);
    });
  });
});
