import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  type RetryPolicy,
  type TimeoutPolicy,
} from 'cockatiel';

import { type LanegateConfig, type OutboundCallPolicy, outboundCallPolicies } from '@lanegate/platform';

import type { ErpResponse } from './erp.client.js';
import {
  ErpAuthenticationError,
  ErpRejectedError,
  ErpTokenRejectedError,
  ErpTransientError,
  ErpUnavailableError,
} from './erp.exception.js';
import {
  type CircuitGaugeState,
  type CircuitStateSource,
  type ErpMetrics,
  type ErpTransaction,
  erpMetrics,
  forgetCircuitSource,
  watchCircuitSource,
} from './erp.metrics.js';
import { ErpCallLatency } from './erp-call-latency.service.js';
import { ErpLimiter } from './erp-limiter.service.js';

/** How one transaction type treats a slow or failing ERP. */
export type ErpCallPolicy = OutboundCallPolicy;

export type ErpCallPolicies = Readonly<Record<ErpTransaction, ErpCallPolicy>>;

/** Injection token of the {@link ErpCallPolicies}; tests provide tighter ones. */
export const ERP_CALL_POLICIES = Symbol('ERP_CALL_POLICIES');

/**
 * Postings are retried longest: the caller is usually the posting workflow, and an idempotent repeat is safe.
 * Reference lookups give up sooner because a person or a rating step is waiting. Reconciliation reads tolerate
 * the longest pauses.
 */
export function defaultCallPolicies(config: LanegateConfig['erp']): ErpCallPolicies {
  const breaker = { consecutiveFailures: 5, halfOpenAfterMs: 5_000, maxHalfOpenAfterMs: 60_000 };

  return {
    posting: {
      timeoutMs: config.timeoutMs,
      retries: 4,
      backoff: { initialMs: 250, maxMs: 4_000 },
      maxRetryAfterMs: 5_000,
      breaker,
      fallbackRetryAfterMs: 5_000,
    },
    reference: {
      timeoutMs: config.timeoutMs,
      retries: 2,
      backoff: { initialMs: 200, maxMs: 2_000 },
      maxRetryAfterMs: 3_000,
      breaker,
      fallbackRetryAfterMs: 5_000,
    },
    reconciliation: {
      timeoutMs: config.timeoutMs,
      retries: 3,
      backoff: { initialMs: 500, maxMs: 8_000 },
      maxRetryAfterMs: 10_000,
      breaker: { ...breaker, halfOpenAfterMs: 10_000, maxHalfOpenAfterMs: 120_000 },
      fallbackRetryAfterMs: 10_000,
    },
  };
}

/** One HTTP exchange with the ERP, given the signal that aborts it at the timeout. */
export type ErpExchange<T> = (signal: AbortSignal) => Promise<ErpResponse<T>>;

export interface ErpCall<T> {
  /** Names the call in metrics and logs, e.g. `customer`, `postInvoice`. */
  operation: string;
  transaction: ErpTransaction;
  send: ErpExchange<T>;
}

export interface ErpPostingCall<T> {
  operation: string;
  /** Posts the document; the ERP must treat a repeat with the same idempotency key as the same posting. */
  send: ErpExchange<T>;
  /** Looks the document up by its external reference; asked before posting again after an unknown outcome. */
  lookup: { operation: string; send: ErpExchange<T | undefined> };
}

interface Lane {
  transaction: ErpTransaction;
  policy: ErpCallPolicy;
  retry: RetryPolicy;
  breaker: CircuitBreakerPolicy;
  timeout: TimeoutPolicy;
  /** Epoch milliseconds until which the open circuit refuses calls. */
  openUntil(): number;
}

const COCKATIEL_TO_GAUGE: Record<CircuitState, CircuitGaugeState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

/**
 * The one way to the ERP. Every call runs, per transaction type: retry (exponential backoff with jitter, at least as
 * long as `Retry-After`) around a circuit breaker (consecutive failures; half-opens to probe) around the tenant's
 * quota limiter around a timeout. Deliberate rejections pass straight through; a call that cannot succeed now ends
 * as 503 `ERP_UNAVAILABLE` with `Retry-After`.
 */
@Injectable()
export class ErpCallGate implements CircuitStateSource, OnModuleDestroy {
  private readonly logger = new Logger(ErpCallGate.name);
  private readonly metrics: ErpMetrics = erpMetrics();
  private readonly lanes: Record<ErpTransaction, Lane>;

  constructor(
    private readonly limiter: ErpLimiter,
    @Inject(ERP_CALL_POLICIES) policies: ErpCallPolicies,
    private readonly latency: ErpCallLatency,
  ) {
    this.lanes = {
      posting: this.lane('posting', policies.posting),
      reference: this.lane('reference', policies.reference),
      reconciliation: this.lane('reconciliation', policies.reconciliation),
    };
    watchCircuitSource(this);
  }

  onModuleDestroy(): void {
    forgetCircuitSource(this);
  }

  circuitState(transaction: ErpTransaction): CircuitGaugeState {
    return COCKATIEL_TO_GAUGE[this.lanes[transaction].breaker.state];
  }

  /** One read or write under its transaction type's policies. */
  async call<T>(call: ErpCall<T>): Promise<T> {
    const lane = this.lanes[call.transaction];

    return this.run(lane, call.operation, (repeat) => this.exchange(lane, call.operation, repeat, call.send));
  }

  /**
   * Posts a document at most once. After an attempt whose outcome is unknown (a timeout, a dropped connection), the
   * next attempt first looks the document up by its external reference and posts again only if the ERP has none.
   * The idempotency key the caller sends with the posting is the second line of defence.
   */
  async post<T>(posting: ErpPostingCall<T>): Promise<T> {
    const lane = this.lanes.posting;
    let outcomeUnknown = false;

    return this.run(lane, posting.operation, async (repeat) => {
      if (outcomeUnknown) {
        const existing = await this.exchange(lane, posting.lookup.operation, repeat, posting.lookup.send);
        if (existing !== undefined) {
          this.logger.log({ operation: posting.operation }, 'found the document an unanswered posting created');

          return existing;
        }
      }
      try {
        return await this.exchange(lane, posting.operation, repeat, posting.send);
      } catch (error) {
        outcomeUnknown ||= error instanceof ErpTransientError && error.outcomeUnknown;
        throw error;
      }
    });
  }

  private lane(transaction: ErpTransaction, policy: ErpCallPolicy): Lane {
    const policies = outboundCallPolicies(policy, {
      isTransient: (error) => error instanceof ErpTransientError,
      signalsFailure: (error) => error instanceof ErpTransientError && error.signalsFailure,
      retryAfterMs: (error) => (error instanceof ErpTransientError ? error.retryAfterMs : undefined),
    });
    const lane: Lane = { transaction, policy, ...policies };
    lane.breaker.onBreak(() => {
      this.logger.warn(
        { transaction, reopensInMs: lane.openUntil() - Date.now() },
        'ERP circuit opened after repeated failures; calls fail fast until a probe succeeds',
      );
    });
    lane.breaker.onReset(() => this.logger.log({ transaction }, 'ERP circuit closed: the probe call succeeded'));

    return lane;
  }

  private async run<T>(lane: Lane, operation: string, attempt: (repeat: boolean) => Promise<T>): Promise<T> {
    let previous: ErpTransientError | undefined;
    try {
      return await lane.retry.execute(({ attempt: number }) => {
        if (previous) {
          this.metrics.retries.inc({ transaction: lane.transaction, operation, reason: previous.kind });
        }

        return lane.breaker.execute(async () => {
          try {
            return await attempt(number > 0);
          } catch (error) {
            previous = error instanceof ErpTransientError ? error : previous;
            throw error;
          }
        });
      });
    } catch (error) {
      throw this.callerError(lane, operation, error);
    }
  }

  /** One call through the quota limiter and the timeout; a rejected token is renewed and the call repeated once. */
  private async exchange<T>(lane: Lane, operation: string, repeat: boolean, send: ErpExchange<T>): Promise<T> {
    const once = (): Promise<T> =>
      this.limiter.schedule({
        transaction: lane.transaction,
        retry: repeat,
        work: () => {
          // Calls queued before the circuit opened must not reach the ERP while it is open either.
          if (lane.breaker.state === CircuitState.Open && Date.now() < lane.openUntil()) {
            throw new BrokenCircuitError();
          }

          return lane.timeout.execute(({ signal }) => this.timed(operation, send, signal));
        },
      });
    try {
      return await once();
    } catch (error) {
      if (!(error instanceof ErpTokenRejectedError)) {
        throw error;
      }
    }
    try {
      return await once();
    } catch (error) {
      throw error instanceof ErpTokenRejectedError ? new ErpAuthenticationError(error.problem) : error;
    }
  }

  private async timed<T>(operation: string, send: ErpExchange<T>, signal: AbortSignal): Promise<T> {
    const startedAt = performance.now();
    const observe = (status: string): void => {
      const durationMs = performance.now() - startedAt;
      this.metrics.callSeconds.observe({ operation, status }, durationMs / 1000);
      this.latency.record({ operation, status, durationMs });
    };
    try {
      const response = await send(signal);
      observe(String(response.status));

      return response.data;
    } catch (error) {
      observe(statusLabel(error));
      throw error;
    }
  }

  private callerError(lane: Lane, operation: string, error: unknown): unknown {
    const reopensInMs = Math.max(0, lane.openUntil() - Date.now());
    if (error instanceof BrokenCircuitError) {
      return new ErpUnavailableError({
        detail:
          `The ERP failed repeatedly, so ${lane.transaction} calls are paused ` +
          `until a probe call succeeds; ${operation} was not sent.`,
        retryAfterSeconds: Math.max(1_000, reopensInMs) / 1000,
        cause: error,
      });
    }
    if (error instanceof ErpTransientError) {
      this.logger.warn(
        { operation, transaction: lane.transaction, kind: error.kind, status: error.status, code: error.code },
        'gave up on an ERP call; the caller is told to try again later',
      );
      const circuitWait = lane.breaker.state === CircuitState.Open ? reopensInMs : 0;

      return new ErpUnavailableError({
        detail: `The ERP could not complete ${operation}: ${error.message}`,
        retryAfterSeconds: Math.max(error.retryAfterMs ?? lane.policy.fallbackRetryAfterMs, circuitWait) / 1000,
        cause: error,
      });
    }

    return error;
  }
}

function statusLabel(error: unknown): string {
  if (error instanceof ErpTransientError) {
    return error.statusLabel;
  }
  if (error instanceof ErpRejectedError) {
    return String(error.status);
  }

  return error instanceof ErpTokenRejectedError ? '401' : 'error';
}
