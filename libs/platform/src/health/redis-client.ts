import { Redis } from 'ioredis';

import type { LanegateConfig } from '../config/lanegate-config.js';

/** Injection token of the process's one Redis connection, present only when `REDIS_URL` is set. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/**
 * The process's one Redis connection, shared by the throttler's counters and the `redis` readiness probe, so
 * readiness reports the very connection throttling depends on. It connects only when {@link RedisReadinessService}
 * starts, keeps reconnecting while Redis is down, and fails commands at once instead of queueing them, so a Redis
 * outage neither stops the process from starting nor holds requests open.
 */
export function createRedisClient(config: LanegateConfig): Redis {
  return new Redis(config.redisUrl!, {
    connectionName: `lanegate-${config.app}`,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
}
