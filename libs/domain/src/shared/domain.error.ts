export interface DomainErrorOptions {
  /** Facts that help a caller or an operator act on the error; must be safe to expose. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The error the canonical model throws when asked to break one of its rules. `code` is a stable,
 * machine-readable string (for example `SHIPMENT_TRANSITION_REJECTED`) that the transport layer maps to a
 * problem+json response; the domain itself knows nothing of HTTP. Other libs may throw it or extend it.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }
}
