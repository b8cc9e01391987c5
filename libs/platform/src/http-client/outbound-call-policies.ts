import {
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IBackoff,
  type IHalfOpenAfterBackoffContext,
  type IRetryBackoffContext,
  type RetryPolicy,
  retry,
  type TimeoutPolicy,
  TimeoutStrategy,
  timeout,
} from 'cockatiel';

/** How Lanegate treats a slow or failing outside system (ERP, dispatch platform, webhook receiver) per kind of call. */
export interface OutboundCallPolicy {
  /** Timeout of one call. */
  timeoutMs: number;
  /** Attempts after the first one. */
  retries: number;
  /** Exponential backoff with jitter between attempts: the first delay and the cap. */
  backoff: { initialMs: number; maxMs: number };
  /** The longest `Retry-After` waited out here; a system asking for longer goes back to the caller at once. */
  maxRetryAfterMs: number;
  /** Consecutive failed calls that open the circuit, and how long it stays open before a probe (doubling). */
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number; maxHalfOpenAfterMs: number };
  /** `Retry-After` of a 503 when neither the outside system nor the circuit says how long to wait. */
  fallbackRetryAfterMs: number;
}

/** How a caller's errors read to the policies. */
export interface FailureClassifier {
  /** The call may succeed if tried again (a 429, a 5xx, a timeout, a broken connection). */
  isTransient(error: unknown): boolean;
  /** A transient failure that says the system is unhealthy, so it counts towards opening the circuit. */
  signalsFailure(error: unknown): boolean;
  /** The `Retry-After` the system answered with, in milliseconds. */
  retryAfterMs(error: unknown): number | undefined;
}

/** The cockatiel policies of one kind of call, and when its open circuit will let a probe through. */
export interface OutboundCallPolicies {
  readonly retry: RetryPolicy;
  readonly breaker: CircuitBreakerPolicy;
  readonly timeout: TimeoutPolicy;
  /** Epoch milliseconds until which the circuit, once opened, refuses calls. */
  openUntil(): number;
}

/**
 * Retry (exponential backoff with equal jitter, never shorter than `Retry-After`, giving up at once on a longer
 * `Retry-After` than the policy waits out) around a consecutive-failure circuit breaker (open as long as the system's
 * `Retry-After`, else a pause that doubles while probes fail) around a cooperative timeout. Compose them as
 * `retry.execute(() => breaker.execute(() => timeout.execute(...)))`.
 */
export function outboundCallPolicies(policy: OutboundCallPolicy, failures: FailureClassifier): OutboundCallPolicies {
  let openUntil = 0;
  const openFor = (context: IHalfOpenAfterBackoffContext): IBackoff<IHalfOpenAfterBackoffContext> => {
    const { halfOpenAfterMs, maxHalfOpenAfterMs } = policy.breaker;
    const failure = 'error' in context.result ? context.result.error : undefined;
    const asked = failure === undefined ? undefined : failures.retryAfterMs(failure);
    const duration = Math.min(maxHalfOpenAfterMs, asked ?? halfOpenAfterMs * 2 ** (context.attempt - 1));
    openUntil = Date.now() + duration;

    return { duration, next: openFor };
  };
  const worthRetrying = (error: unknown): boolean =>
    failures.isTransient(error) && (failures.retryAfterMs(error) ?? 0) <= policy.maxRetryAfterMs;

  return {
    retry: retry(handleWhen(worthRetrying), {
      maxAttempts: policy.retries,
      backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
        const failure = 'error' in context.result ? context.result.error : undefined;

        return retryDelay(policy.backoff, context.attempt, failure === undefined ? 0 : failures.retryAfterMs(failure));
      }),
    }),
    breaker: circuitBreaker(
      handleWhen((error) => failures.isTransient(error) && failures.signalsFailure(error)),
      {
        breaker: new ConsecutiveBreaker(policy.breaker.consecutiveFailures),
        halfOpenAfter: { next: openFor },
      },
    ),
    timeout: timeout(policy.timeoutMs, TimeoutStrategy.Cooperative),
    openUntil: () => openUntil,
  };
}

/** Exponential backoff with equal jitter for the `attempt`th retry (from 1), and never shorter than `Retry-After`. */
export function retryDelay(
  backoff: OutboundCallPolicy['backoff'],
  attempt: number,
  retryAfterMs: number | undefined,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + Math.random() * (ceiling / 2);

  return Math.max(retryAfterMs ?? 0, jittered);
}
