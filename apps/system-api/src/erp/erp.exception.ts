import { ApplicationError } from '@lanegate/platform';

/** The problem body an ERP answers with; every member may be missing from a misbehaving ERP. */
export interface ErpProblem {
  code?: string;
  title?: string;
  detail?: string;
}

/**
 * The ERP refused the request on purpose (unknown customer, tax validation, an invalid document). Retrying would get
 * the same answer, so it reaches the caller at once, with the ERP's own status, code and detail.
 */
export class ErpRejectedError extends ApplicationError {
  constructor(status: number, problem: ErpProblem) {
    super({
      code: problem.code ?? 'ERP_REJECTED',
      status,
      title: problem.title ?? 'The ERP rejected the request',
      detail: problem.detail ?? `The ERP answered ${status}.`,
      extensions: { source: 'erp' },
    });
  }
}

/** The ERP cannot be reached or will not answer now: the caller should try again after `Retry-After` seconds. */
export class ErpUnavailableError extends ApplicationError {
  constructor(options: { detail: string; retryAfterSeconds: number; cause?: unknown }) {
    const retryAfterSeconds = Math.max(1, Math.ceil(options.retryAfterSeconds));
    super({
      code: 'ERP_UNAVAILABLE',
      status: 503,
      title: 'ERP unavailable',
      detail: options.detail,
      headers: { 'Retry-After': String(retryAfterSeconds) },
      extensions: { retryAfterSeconds },
      cause: options.cause,
    });
  }
}

/** The ERP refused Lanegate's own client credentials: a configuration problem for an operator, not the caller. */
export class ErpAuthenticationError extends ApplicationError {
  constructor(problem: ErpProblem) {
    super({
      code: 'ERP_AUTHENTICATION_FAILED',
      status: 502,
      title: 'ERP authentication failed',
      detail: `The ERP refused Lanegate's client credentials (${problem.code ?? 'no code'}): check ERP_CLIENT_ID and ERP_CLIENT_SECRET.`,
    });
  }
}

/** Why an ERP call may succeed when tried again. */
export type ErpTransientKind = 'quota' | 'unavailable' | 'timeout' | 'network';

/**
 * A failed ERP call worth another attempt: a 429, a 5xx, a timeout or a broken connection. It never reaches a
 * caller; the call gate retries it or turns it into {@link ErpUnavailableError}.
 */
export class ErpTransientError extends Error {
  readonly kind: ErpTransientKind;
  /** The ERP's HTTP status, when it answered at all. */
  readonly status?: number;
  readonly code?: string;
  /** How long the ERP asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(options: {
    kind: ErpTransientKind;
    detail: string;
    status?: number;
    code?: string;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(options.detail, { cause: options.cause });
    this.name = 'ErpTransientError';
    this.kind = options.kind;
    this.status = options.status;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** No answer came back, so the ERP may or may not have acted on the request. */
  get outcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'network';
  }

  /** A quota answer says the ERP is healthy but busy: it does not count towards opening the circuit. */
  get signalsFailure(): boolean {
    return this.kind !== 'quota';
  }

  /** The label of this failure in the call latency metric. */
  get statusLabel(): string {
    return this.status === undefined ? this.kind : String(this.status);
  }
}

/** The ERP answered 401 to a token it issued (expired or revoked early): renew the token and call once more. */
export class ErpTokenRejectedError extends Error {
  constructor(readonly problem: ErpProblem) {
    super(problem.detail ?? 'The ERP rejected the access token.');
    this.name = 'ErpTokenRejectedError';
  }
}
