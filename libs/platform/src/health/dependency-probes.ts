import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';

import type { LanegateConfig } from '../config/lanegate-config.js';
import { NatsReadinessService } from './nats-readiness.service.js';
import { REDIS_CLIENT } from './redis-client.js';
import { RedisReadinessService } from './redis-readiness.service.js';

/** Readiness probes for the NATS and Redis this process is configured with; none in embedded mode. */
export function dependencyProbeProviders(config: LanegateConfig, redis: Redis | undefined): Provider[] {
  return [
    ...(config.natsUrl ? [NatsReadinessService] : []),
    ...(redis ? [{ provide: REDIS_CLIENT, useValue: redis }, RedisReadinessService] : []),
  ];
}
