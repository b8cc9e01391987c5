import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const WARNING_INTERVAL_MS = 60_000;

/**
 * Shared rate limits protect the gateway; they are not worth an outage. When the shared store (Redis) cannot
 * count, requests pass unthrottled and a warning is logged at most once a minute, while `/health/ready` reports
 * the store as down.
 */
export class FailOpenThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(FailOpenThrottlerStorage.name);
  private lastWarningAt = 0;

  constructor(private readonly store: ThrottlerStorage) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await this.store.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      if (Date.now() - this.lastWarningAt > WARNING_INTERVAL_MS) {
        this.lastWarningAt = Date.now();
        this.logger.warn({ err: error }, 'rate-limit store unavailable; requests pass unthrottled until it is back');
      }

      return { totalHits: 0, timeToExpire: ttl, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
