import { describe, expect, it } from 'vitest';

import { isIsoDate, isIsoUtc, parseIsoUtc } from './iso-time.js';

describe('iso-time', () => {
  describe(parseIsoUtc.name, () => {
    it('parses UTC timestamps with and without seconds and fractions', () => {
      expect(parseIsoUtc('2024-03-05T09:50:00Z')).toBe(Date.UTC(2024, 2, 5, 9, 50));
      expect(parseIsoUtc('2024-03-05T09:50Z')).toBe(Date.UTC(2024, 2, 5, 9, 50));
      expect(parseIsoUtc('2024-03-05T09:50:07.250Z')).toBe(Date.UTC(2024, 2, 5, 9, 50, 7, 250));
      expect(parseIsoUtc('2024-03-05T09:50:07.123456Z')).toBe(Date.UTC(2024, 2, 5, 9, 50, 7, 123));
    });

    it('accepts a leap day in a leap year', () => {
      expect(parseIsoUtc('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    });

    it.each([
      '2024-03-05T09:50:00',
      '2024-03-05T09:50:00+01:00',
      '2024-03-05 09:50:00Z',
      '2023-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-03-05T24:00:00Z',
      '2024-03-05T23:60:00Z',
      '2024-03-05T23:59:60Z',
      'yesterday',
      '',
    ])('refuses %j', (value) => {
      expect(parseIsoUtc(value)).toBeNull();
    });
  });

  describe(isIsoUtc.name, () => {
    it('accepts a UTC timestamp and refuses other values', () => {
      expect(isIsoUtc('2024-03-05T09:50:00Z')).toBe(true);
      expect(isIsoUtc('2024-03-05T09:50:00-05:00')).toBe(false);
      expect(isIsoUtc(1709632200000)).toBe(false);
    });
  });

  describe(isIsoDate.name, () => {
    it('accepts real calendar dates only', () => {
      expect(isIsoDate('2024-03-04')).toBe(true);
      expect(isIsoDate('2024-02-30')).toBe(false);
      expect(isIsoDate('2024-3-4')).toBe(false);
      expect(isIsoDate('2024-03-04T00:00:00Z')).toBe(false);
      expect(isIsoDate(null)).toBe(false);
    });
  });
});
