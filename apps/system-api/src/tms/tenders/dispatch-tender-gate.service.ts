import { Inject, Injectable, Logger } from '@nestjs/common';
import { BrokenCircuitError, CircuitState } from 'cockatiel';

import {
  LANEGATE_CONFIG,
  type LanegateConfig,
  type OutboundCallPolicies,
  type OutboundCallPolicy,
  outboundCallPolicies,
} from '@lanegate/platform';

import { DispatchPlatformClient } from './dispatch-platform.client.js';
import { DispatchPlatformUnavailableError, DispatchTransientError } from './dispatch-platform.exception.js';
import type { DispatchTender, PlatformTenderReceipt } from './dispatch-tender.port.js';

/**
 * Tenders are retried a few times: the platform keys them by tender id, so a repeat after an unanswered attempt is
 * safe. A person or the dispatch workflow is waiting, so a platform asking for a long pause is reported at once.
 */
export function tenderCallPolicy(config: LanegateConfig['dispatch']): OutboundCallPolicy {
  return {
    timeoutMs: config.timeoutMs,
    retries: 3,
    backoff: { initialMs: 200, maxMs: 2_000 },
    maxRetryAfterMs: 5_000,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 5_000, maxHalfOpenAfterMs: 60_000 },
    fallbackRetryAfterMs: 5_000,
  };
}

/**
 * The one way to the dispatch platform's tender API: retry (exponential backoff with jitter, at least as long as
 * `Retry-After`) around a circuit breaker around a timeout, the same policies the ERP gate uses. A tender that cannot
 * be delivered now ends as 503 `DISPATCH_PLATFORM_UNAVAILABLE` with `Retry-After`.
 */
@Injectable()
export class DispatchTenderGate {
  private readonly logger = new Logger(DispatchTenderGate.name);
  private readonly policy: OutboundCallPolicy;
  private readonly policies: OutboundCallPolicies;

  constructor(
    private readonly client: DispatchPlatformClient,
    @Inject(LANEGATE_CONFIG) config: LanegateConfig,
  ) {
    this.policy = tenderCallPolicy(config.dispatch);
    this.policies = outboundCallPolicies(this.policy, {
      isTransient: (error) => error instanceof DispatchTransientError,
      signalsFailure: (error) => error instanceof DispatchTransientError && error.signalsFailure,
      retryAfterMs: (error) => (error instanceof DispatchTransientError ? error.retryAfterMs : undefined),
    });
    this.policies.breaker.onBreak(() => {
      this.logger.warn(
        { reopensInMs: this.policies.openUntil() - Date.now() },
        'dispatch platform circuit opened after repeated failures; tenders fail fast until a probe succeeds',
      );
    });
    this.policies.breaker.onReset(() => this.logger.log('dispatch platform circuit closed: a tender got through'));
  }

  async tender(tender: DispatchTender): Promise<PlatformTenderReceipt> {
    const { retry, breaker, timeout } = this.policies;
    try {
      return await retry.execute(({ attempt }) => {
        if (attempt > 0) {
          this.logger.log({ tenderId: tender.tenderId, shipmentId: tender.shipmentId, attempt }, 'tendering again');
        }

        return breaker.execute(() => timeout.execute(({ signal }) => this.client.tender(tender, signal)));
      });
    } catch (error) {
      throw this.callerError(tender, error);
    }
  }

  private callerError(tender: DispatchTender, error: unknown): unknown {
    const reopensInMs = Math.max(0, this.policies.openUntil() - Date.now());
    if (error instanceof BrokenCircuitError) {
      return new DispatchPlatformUnavailableError({
        detail:
          'The dispatch platform failed repeatedly, so tenders are paused until a probe gets through; ' +
          `tender ${tender.tenderId} was not sent.`,
        retryAfterSeconds: Math.max(1_000, reopensInMs) / 1000,
        cause: error,
      });
    }
    if (error instanceof DispatchTransientError) {
      this.logger.warn(
        { tenderId: tender.tenderId, shipmentId: tender.shipmentId, kind: error.kind },
        'gave up tendering a load; the caller is told to try again later',
      );
      const circuitWait = this.policies.breaker.state === CircuitState.Open ? reopensInMs : 0;

      return new DispatchPlatformUnavailableError({
        detail: `The dispatch platform did not take tender ${tender.tenderId}: ${error.message}`,
        retryAfterSeconds: Math.max(error.retryAfterMs ?? this.policy.fallbackRetryAfterMs, circuitWait) / 1000,
        cause: error,
      });
    }

    return error;
  }
}
