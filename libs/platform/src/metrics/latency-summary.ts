/** How many samples a latency figure rests on, and its median and 95th percentile, in milliseconds. */
export interface LatencySummary {
  samples: number;
  /** `null` when there is no sample. */
  p50Ms: number | null;
  p95Ms: number | null;
}

/**
 * The nearest-rank percentile of `sorted` (ascending): the smallest value with at least `percent` % of the samples
 * at or below it. Always one of the samples, so a figure on a dashboard is a duration that really happened.
 */
export function nearestRank(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));

  return sorted[rank - 1];
}

/** Median and 95th percentile of durations in milliseconds, rounded to whole milliseconds. */
export function summarizeLatency(durationsMs: readonly number[]): LatencySummary {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const round = (value: number | null): number | null => (value === null ? null : Math.round(value));

  return { samples: sorted.length, p50Ms: round(nearestRank(sorted, 50)), p95Ms: round(nearestRank(sorted, 95)) };
}
