import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';

import {
  LANEGATE_CONFIG,
  type LanegateConfig,
  type LatencySummary,
  REDIS_CLIENT,
  summarizeLatency,
} from '@lanegate/platform';

import { limiterId } from './erp-limiter.service.js';

/** How far back the latency figures look, and how many calls they keep at most. */
const WINDOW_MS = 15 * 60_000;
const MAX_SAMPLES = 20_000;

interface ErpCallSample {
  operation: string;
  status: string;
  durationMs: number;
  at: number;
}

/** Whose calls the figures rest on: every replica's, shared through Redis, or this process's alone. */
export type ErpCallLatencyScope = 'all_replicas' | 'this_process';

export interface ErpCallLatencyReport extends LatencySummary {
  windowSeconds: number;
  scope: ErpCallLatencyScope;
  byOperation: (LatencySummary & { operation: string })[];
}

function isSample(value: unknown): value is ErpCallSample {
  const sample = value as Partial<ErpCallSample> | null;

  return (
    typeof sample?.operation === 'string' && typeof sample.durationMs === 'number' && typeof sample.at === 'number'
  );
}

/**
 * The durations of recent ERP calls (each HTTP exchange, retries counted apart), for the operations dashboard's
 * p50 and p95. With `REDIS_URL` set every replica also appends its calls to one capped list in Redis, next to the
 * quota they share, so any replica answers for the whole fleet; without Redis, or while it is unreachable, the
 * figures are this process's own. Prometheus keeps the long-term histogram; this answers "how slow is the ERP right
 * now" exactly, without bucket estimates.
 */
@Injectable()
export class ErpCallLatency {
  private readonly logger = new Logger(ErpCallLatency.name);
  private samples: ErpCallSample[] = [];
  private readonly shared?: { redis: Redis; key: string };

  constructor(
    @Optional() @Inject(REDIS_CLIENT) redis?: Redis,
    @Optional() @Inject(LANEGATE_CONFIG) config?: LanegateConfig,
  ) {
    if (redis && config) {
      this.shared = { redis, key: `lanegate:erp-call-latency:${limiterId(config.erp)}` };
    }
  }

  record(sample: Omit<ErpCallSample, 'at'>, at = Date.now()): void {
    const entry = { ...sample, at };
    this.samples.push(entry);
    // Trimmed a tenth at a time, so a busy ERP does not copy the whole window on every call.
    if (this.samples.length > MAX_SAMPLES * 1.1) {
      this.samples = this.samples.slice(-MAX_SAMPLES);
    }
    if (this.shared) {
      const { redis, key } = this.shared;
      // Newest first, capped, and gone a window after the last call; a failed write costs only fleet-wide figures.
      redis
        .multi()
        .lpush(key, JSON.stringify(entry))
        .ltrim(key, 0, MAX_SAMPLES - 1)
        .pexpire(key, WINDOW_MS)
        .exec()
        .catch((error: unknown) => this.logger.debug({ err: error }, 'ERP call latency not shared'));
    }
  }

  async report(now = Date.now()): Promise<ErpCallLatencyReport> {
    const { scope, samples } = await this.windowSamples(now);
    const byOperation = new Map<string, number[]>();
    for (const sample of samples) {
      const durations = byOperation.get(sample.operation) ?? [];
      durations.push(sample.durationMs);
      byOperation.set(sample.operation, durations);
    }

    return {
      windowSeconds: WINDOW_MS / 1000,
      scope,
      ...summarizeLatency(samples.map((sample) => sample.durationMs)),
      byOperation: [...byOperation]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([operation, durations]) => ({ operation, ...summarizeLatency(durations) })),
    };
  }

  private async windowSamples(now: number): Promise<{ scope: ErpCallLatencyScope; samples: ErpCallSample[] }> {
    const inWindow = (sample: ErpCallSample): boolean => sample.at > now - WINDOW_MS;
    this.samples = this.samples.filter(inWindow);
    if (this.shared) {
      try {
        const entries = await this.shared.redis.lrange(this.shared.key, 0, -1);

        return { scope: 'all_replicas', samples: entries.flatMap(parsedSample).filter(inWindow) };
      } catch (error) {
        this.logger.warn({ err: error }, "Redis unreachable: ERP call latency is this process's own");
      }
    }

    return { scope: 'this_process', samples: this.samples };
  }
}

function parsedSample(entry: string): ErpCallSample[] {
  try {
    const value: unknown = JSON.parse(entry);

    return isSample(value) ? [value] : [];
  } catch {
    return [];
  }
}
