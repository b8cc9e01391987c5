import { ApplicationError } from '@lanegate/platform';

/** The dispatch platform cannot take the tender now: the caller should tender again after `Retry-After` seconds. */
export class DispatchPlatformUnavailableError extends ApplicationError {
  constructor(options: { detail: string; retryAfterSeconds: number; cause?: unknown }) {
    const retryAfterSeconds = Math.max(1, Math.ceil(options.retryAfterSeconds));
    super({
      code: 'DISPATCH_PLATFORM_UNAVAILABLE',
      status: 503,
      title: 'Dispatch platform unavailable',
      detail: options.detail,
      headers: { 'Retry-After': String(retryAfterSeconds) },
      extensions: { retryAfterSeconds },
      cause: options.cause,
    });
  }
}

/**
 * The platform refused the tender on purpose. A conflict (the tender id used for another load) reaches the caller as
 * 409; anything else is Lanegate's problem with the platform, a 502.
 */
export class DispatchPlatformRejectedError extends ApplicationError {
  constructor(status: number, problem: { code?: string; detail?: string }) {
    const conflict = status === 409;
    super({
      code: conflict ? 'TENDER_CONFLICT' : 'DISPATCH_PLATFORM_REJECTED',
      status: conflict ? 409 : 502,
      title: conflict ? 'Tender id already used' : 'The dispatch platform rejected the tender',
      detail: `The dispatch platform answered ${status} ${problem.code ?? ''}: ${problem.detail ?? 'no detail'}`,
      extensions: { source: 'dispatch-platform', platformStatus: status },
    });
  }
}

/** Why a call to the platform may succeed when tried again. */
export type DispatchTransientKind = 'busy' | 'unavailable' | 'timeout' | 'network';

/**
 * A failed call worth another attempt: a 429, a 5xx, a timeout or a broken connection. It never reaches a caller; the
 * tender gate retries it or turns it into {@link DispatchPlatformUnavailableError}.
 */
export class DispatchTransientError extends Error {
  constructor(
    readonly kind: DispatchTransientKind,
    detail: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = 'DispatchTransientError';
  }

  /** A 429 says the platform is healthy but busy: it does not count towards opening the circuit. */
  get signalsFailure(): boolean {
    return this.kind !== 'busy';
  }
}
