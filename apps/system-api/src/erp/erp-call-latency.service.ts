import { Injectable } from '@nestjs/common';

import { type LatencySummary, summarizeLatency } from '@lanegate/platform';

/** How far back the latency figures look, and how many calls they keep at most. */
const WINDOW_MS = 15 * 60_000;
const MAX_SAMPLES = 20_000;

interface ErpCallSample {
  operation: string;
  status: string;
  durationMs: number;
  at: number;
}

export interface ErpCallLatencyReport extends LatencySummary {
  windowSeconds: number;
  byOperation: (LatencySummary & { operation: string })[];
}

/**
 * The durations of this process's recent ERP calls (each HTTP exchange, retries counted apart), for the operations
 * dashboard's p50 and p95. Prometheus keeps the long-term histogram; this answers "how slow is the ERP right now"
 * exactly, without bucket estimates.
 */
@Injectable()
export class ErpCallLatency {
  private samples: ErpCallSample[] = [];

  record(sample: Omit<ErpCallSample, 'at'>, at = Date.now()): void {
    this.samples.push({ ...sample, at });
    // Trimmed a tenth at a time, so a busy ERP does not copy the whole window on every call.
    if (this.samples.length > MAX_SAMPLES * 1.1) {
      this.samples = this.samples.slice(-MAX_SAMPLES);
    }
  }

  report(now = Date.now()): ErpCallLatencyReport {
    this.samples = this.samples.filter((sample) => sample.at > now - WINDOW_MS);
    const byOperation = new Map<string, number[]>();
    for (const sample of this.samples) {
      const durations = byOperation.get(sample.operation) ?? [];
      durations.push(sample.durationMs);
      byOperation.set(sample.operation, durations);
    }

    return {
      windowSeconds: WINDOW_MS / 1000,
      ...summarizeLatency(this.samples.map((sample) => sample.durationMs)),
      byOperation: [...byOperation]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([operation, durations]) => ({ operation, ...summarizeLatency(durations) })),
    };
  }
}
