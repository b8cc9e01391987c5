import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import { seconds, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { LoggerModule } from 'nestjs-pino';

import { LanegateAuthGuard } from './auth/auth.guard.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import type { Principal } from './auth/principal.js';
import { TokenIssuer } from './auth/token-issuer.js';
import { LANEGATE_CONFIG, type LanegateConfig } from './config/lanegate-config.js';
import { ProblemDetailsFilter } from './errors/problem-details.filter.js';
import { createValidationPipe } from './errors/validation.js';
import { dependencyProbeProviders } from './health/dependency-probes.js';
import { HealthController } from './health/health.controller.js';
import { ReadinessProbes } from './health/readiness-probes.js';
import { createRedisClient, REDIS_CLIENT } from './health/redis-client.js';
import { FailOpenThrottlerStorage } from './throttling/fail-open-throttler.storage.js';
import { DeprecationInterceptor } from './http/deprecation.js';
import { IdempotencyStores } from './idempotency/idempotency-stores.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { loggerOptions } from './logging/logger-options.js';
import { MetricsController } from './metrics/metrics.controller.js';

type AuthenticatedRequest = FastifyRequest & { user?: Principal };

/**
 * The policies every Lanegate process applies to every layer it hosts: authentication and scopes, per-client
 * throttling, problem+json errors, validation, idempotency keys, deprecation headers, logs, health and metrics.
 * Imported once by each process's root module.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: LanegateConfig): DynamicModule {
    // One Redis connection for the shared throttling counters and the readiness probe; it connects at start.
    const redis = config.redisUrl ? createRedisClient(config) : undefined;

    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        PassportModule,
        TerminusModule.forRoot({ logger: false }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: seconds(config.throttle.ttlSeconds), limit: config.throttle.limit }],
          storage: redis ? new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis)) : undefined,
          // Fairness is per client (the token's subject), not per address; layer-to-layer calls are not throttled.
          getTracker: (request: Record<string, unknown>) => {
            const typed = request as unknown as AuthenticatedRequest;

            return typed.user?.subject ? `sub:${typed.user.subject}` : `ip:${typed.ip}`;
          },
          skipIf: (context) =>
            context.switchToHttp().getRequest<AuthenticatedRequest>().user?.scopes.includes('internal') ?? false,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LANEGATE_CONFIG, useValue: config },
        { provide: TokenIssuer, useValue: new TokenIssuer(config) },
        JwtStrategy,
        ReadinessProbes,
        ...dependencyProbeProviders(config, redis),
        IdempotencyStores,
        // Guards run in this order: who is calling, then how often.
        { provide: APP_GUARD, useClass: LanegateAuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: DeprecationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      // The Redis connection too, when there is one, for state several replicas share beyond throttling.
      exports: [LANEGATE_CONFIG, TokenIssuer, ReadinessProbes, IdempotencyStores, ...(redis ? [REDIS_CLIENT] : [])],
    };
  }
}
