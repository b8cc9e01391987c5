import { describe, expect, it } from 'vitest';

import { nearestRank, summarizeLatency } from './latency-summary.js';

describe(summarizeLatency.name, () => {
  it('gives no percentile without samples', () => {
    expect(summarizeLatency([])).toEqual({ samples: 0, p50Ms: null, p95Ms: null });
  });

  it('takes the nearest rank of unsorted samples', () => {
    const durations = Array.from({ length: 100 }, (_, index) => 100 - index);

    expect(summarizeLatency(durations)).toEqual({ samples: 100, p50Ms: 50, p95Ms: 95 });
  });

  it('answers with a duration that happened, rounded to the millisecond', () => {
    expect(summarizeLatency([12.4, 480.6, 15.2])).toEqual({ samples: 3, p50Ms: 15, p95Ms: 481 });
  });
});

describe(nearestRank.name, () => {
  it('uses the first sample for a single one and the largest for the 100th percentile', () => {
    expect(nearestRank([7], 95)).toBe(7);
    expect(nearestRank([1, 2, 3, 4], 100)).toBe(4);
    expect(nearestRank([1, 2, 3, 4], 25)).toBe(1);
    expect(nearestRank([1, 2, 3, 4], 26)).toBe(2);
  });
});
