import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';

import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { ErpUnavailableError } from './erp.exception.js';
import { type ErpMetrics, type ErpTransaction, erpMetrics } from './erp.metrics.js';

/** Bottleneck priorities, 0 first: postings before reference lookups before reconciliation reads. */
export const ERP_PRIORITY: Readonly<Record<ErpTransaction, number>> = { posting: 2, reference: 5, reconciliation: 8 };

/** The share of the ERP quota the limiter plans to use; see {@link limiterSettings}. */
const QUOTA_SHARE = 0.9;
const RESERVOIR_REFRESH_INTERVAL_MS = 1000;
/** Shared state must notice each refresh promptly; Bottleneck's clustered default looks every 5 s. */
const CLUSTER_HEARTBEAT_MS = 250;
/** Shared state of a tenant nobody has called for this long is dropped from Redis. */
const CLUSTER_STATE_TTL_MS = 15 * 60_000;
/** How long a call waits for Redis to be reachable before the gateway gives up on the shared quota. */
const DATASTORE_READY_WAIT_MS = 5_000;

export interface LimitedJob<T> {
  transaction: ErpTransaction;
  /** A repeat of a failed call: it goes ahead of first attempts of the same transaction type. */
  retry?: boolean;
  work: () => Promise<T>;
}

interface TenantLimiter {
  limiter: Bottleneck;
  connection?: Bottleneck.IORedisConnection;
  ready: Promise<boolean>;
}

/**
 * The settings that keep one tenant's calls inside its ERP quota. The ERP counts calls in a sliding one-second
 * window, while Bottleneck's reservoir refreshes on fixed ticks: two full reservoirs spent at the end of one tick
 * and the start of the next would land in one window. So calls are also spaced (`minTime`) wider than the quota's
 * average interval, and the reservoir plans for 90% of the quota (at least one call less): at 20 a second that is
 * at most 18 calls a second, 56 ms apart, so 21 calls span 1.12 s and a call may arrive 120 ms late (a busy event
 * loop, a slow network hop, another replica's Redis round trip) before the ERP could see 21 calls in one second.
 */
export function limiterSettings(
  config: LanegateConfig['erp'],
): Required<
  Pick<
    Bottleneck.ConstructorOptions,
    'maxConcurrent' | 'minTime' | 'reservoir' | 'reservoirRefreshAmount' | 'reservoirRefreshInterval'
  >
> {
  const perSecond = Math.max(1, Math.min(config.quotaPerSecond - 1, Math.floor(config.quotaPerSecond * QUOTA_SHARE)));

  return {
    maxConcurrent: config.maxConcurrent,
    minTime: Math.ceil(RESERVOIR_REFRESH_INTERVAL_MS / perSecond),
    reservoir: perSecond,
    reservoirRefreshAmount: perSecond,
    reservoirRefreshInterval: RESERVOIR_REFRESH_INTERVAL_MS,
  };
}

/** Id of a tenant's limiter: the same on every replica, so that they share one budget in Redis. */
export function limiterId(config: LanegateConfig['erp'], tenant = config.tenant): string {
  return `lanegate-erp-${tenant}${config.limiterIdSuffix ? `-${config.limiterIdSuffix}` : ''}`;
}

/**
 * One Bottleneck limiter per ERP tenant, through which every ERP call goes, repeats included. With `REDIS_URL` set
 * the limiter is clustered: every replica uses the same id, so the quota and the concurrency limit are one budget
 * across all of them. Priorities order each replica's own queue.
 */
@Injectable()
export class ErpLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(ErpLimiter.name);
  private readonly tenants = new Map<string, TenantLimiter>();
  private readonly metrics: ErpMetrics = erpMetrics();

  constructor(@Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig) {}

  /** Runs `work` once the tenant's quota and concurrency allow, in priority order. */
  async schedule<T>(job: LimitedJob<T>, tenant = this.config.erp.tenant): Promise<T> {
    const { limiter, ready } = this.limiterFor(tenant);
    const labels = { tenant, transaction: job.transaction };
    const queuedAt = performance.now();
    let started = false;

    await this.awaitDatastore(ready, tenant);
    this.metrics.limiterQueueDepth.inc(labels);
    try {
      return await limiter.schedule(
        {
          priority: Math.max(0, ERP_PRIORITY[job.transaction] - (job.retry ? 1 : 0)),
          // Frees the slot of a replica that died mid-call; longer than any call can take.
          expiration: 2 * this.config.erp.timeoutMs + 1_000,
        },
        () => {
          started = true;
          this.metrics.limiterQueueDepth.dec(labels);
          this.metrics.limiterWaitSeconds.observe(labels, (performance.now() - queuedAt) / 1000);

          return job.work();
        },
      );
    } catch (error) {
      if (started) {
        throw error;
      }
      this.metrics.limiterQueueDepth.dec(labels);
      this.logger.error({ err: error, tenant }, 'the ERP quota limiter failed; the call was not sent');
      throw new ErpUnavailableError({
        detail: 'The shared ERP quota could not be consulted, so the call was not sent.',
        retryAfterSeconds: 5,
        cause: error,
      });
    }
  }

  /** Calls of this process waiting for the tenant's quota. */
  queued(tenant = this.config.erp.tenant): number {
    return this.tenants.get(tenant)?.limiter.queued() ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    const tenants = [...this.tenants.values()];
    this.tenants.clear();
    for (const { limiter, connection } of tenants) {
      await limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
      await limiter.disconnect(false).catch(() => undefined);
      await connection?.disconnect(false);
    }
  }

  private limiterFor(tenant: string): TenantLimiter {
    const existing = this.tenants.get(tenant);
    if (existing) {
      return existing;
    }
    const created = this.config.redisUrl ? this.clustered(tenant, this.config.redisUrl) : this.local(tenant);
    created.limiter.on('error', (error: unknown) => {
      this.logger.error({ err: error, tenant }, 'ERP quota limiter error');
    });
    this.tenants.set(tenant, created);

    return created;
  }

  private local(tenant: string): TenantLimiter {
    const limiter = new Bottleneck({ id: limiterId(this.config.erp, tenant), ...limiterSettings(this.config.erp) });

    return { limiter, ready: Promise.resolve(true) };
  }

  private clustered(tenant: string, redisUrl: string): TenantLimiter {
    const settings = limiterSettings(this.config.erp);
    const connection = new Bottleneck.IORedisConnection({
      client: new Redis(redisUrl, { connectionName: `lanegate-erp-limiter-${tenant}`, maxRetriesPerRequest: 1 }),
    });
    connection.on('error', (error: unknown) => {
      this.logger.warn({ err: error, tenant }, 'ERP quota limiter lost Redis');
    });
    const limiter = new Bottleneck({
      ...settings,
      ...{ heartbeatInterval: CLUSTER_HEARTBEAT_MS },
      id: limiterId(this.config.erp, tenant),
      datastore: 'ioredis',
      connection,
      // Never clear: a replica starting while others run would wipe their running counts and the reservoir.
      clearDatastore: false,
      timeout: CLUSTER_STATE_TTL_MS,
    });
    // Shared settings may predate this replica's configuration: take it over, but keep the reservoir as it is.
    const ready = limiter
      .ready()
      .then(() => {
        const { reservoir: _reservoir, ...rest } = settings;
        limiter.updateSettings(rest);

        return true;
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error, tenant }, 'ERP quota limiter could not reach Redis');

        return false;
      });

    return { limiter, connection, ready };
  }

  private async awaitDatastore(ready: Promise<boolean>, tenant: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const reachable = await Promise.race([
      ready,
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), DATASTORE_READY_WAIT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!reachable) {
      throw new ErpUnavailableError({
        detail: `The shared ERP quota of tenant ${tenant} is not reachable in Redis, so the call was not sent.`,
        retryAfterSeconds: 5,
      });
    }
  }
}
