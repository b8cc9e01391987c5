import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';

import { ReadinessProbes } from './readiness-probes.js';
import { REDIS_CLIENT } from './redis-client.js';

/**
 * Opens the process's Redis connection at start without waiting for Redis to be up, registers the `redis`
 * readiness probe (`PING`) and closes the connection once the HTTP server has stopped.
 */
@Injectable()
export class RedisReadinessService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisReadinessService.name);
  private reachable = true;
  private lastError = 'not connected yet';

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly probes: ReadinessProbes,
  ) {
    // Log each outage once, not every reconnect attempt; the listener also keeps ioredis from printing its own.
    redis.on('error', (error: Error) => {
      this.lastError = error.message;
      if (this.reachable) {
        this.reachable = false;
        this.logger.warn(
          { reason: error.message },
          'Redis is unreachable; throttled routes fail until it is back, retrying',
        );
      }
    });
    redis.on('ready', () => {
      if (!this.reachable) {
        this.reachable = true;
        this.logger.log('Redis is reachable again');
      }
    });
  }

  async onModuleInit(): Promise<void> {
    this.probes.register('redis', () => this.probe());
    try {
      await this.redis.connect();
    } catch {
      // Already logged by the error listener; ioredis keeps reconnecting and the probe reports the outage.
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();

      return;
    }

    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private async probe(): Promise<void> {
    if (this.redis.status !== 'ready') {
      throw new Error(`Redis unreachable (${this.redis.status}): ${this.lastError}`);
    }

    await this.redis.ping();
  }
}
