import { describe, expect, it } from 'vitest';

import type { LanegateConfig } from '@lanegate/platform';

import { limiterSettings } from './erp-limiter.service.js';

const erp = (quotaPerSecond: number, maxConcurrent = 5): LanegateConfig['erp'] =>
  ({ quotaPerSecond, maxConcurrent }) as LanegateConfig['erp'];

/** The most calls any sliding one-second window can see when calls leave exactly `minTime` apart. */
const callsInOneSecond = (minTime: number | null): number => Math.floor(1000 / Number(minTime)) + 1;

describe(limiterSettings.name, () => {
  it('plans for 18 calls a second, 56 ms apart, under a quota of 20', () => {
    expect(limiterSettings(erp(20))).toEqual({
      maxConcurrent: 5,
      minTime: 56,
      reservoir: 18,
      reservoirRefreshAmount: 18,
      reservoirRefreshInterval: 1000,
    });
  });

  it('leaves at least one call of the quota unused, even for small quotas', () => {
    expect(limiterSettings(erp(5)).reservoir).toBe(4);
    expect(limiterSettings(erp(2)).reservoir).toBe(1);
    expect(limiterSettings(erp(1)).reservoir).toBe(1);
  });

  it('spaces calls so that no one-second window reaches the quota, with at least 100 ms of slack at 20 a second', () => {
    for (const quota of [3, 5, 10, 20, 50, 100]) {
      const minTime = limiterSettings(erp(quota)).minTime ?? 0;

      expect(callsInOneSecond(minTime)).toBeLessThanOrEqual(quota);
    }
    const minTime = limiterSettings(erp(20)).minTime ?? 0;
    // The 21st call leaves 20 intervals after the first: that span minus one second is the slack for late arrivals.
    expect(20 * Number(minTime) - 1000).toBeGreaterThanOrEqual(100);
  });
});
