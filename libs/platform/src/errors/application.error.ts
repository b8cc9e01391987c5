import type { FieldViolation } from './problem-details.js';

export interface ApplicationErrorOptions {
  /** Stable machine-readable code, e.g. `SHIPMENT_NOT_FOUND`. */
  code: string;
  /** HTTP status the error maps to at the edge. */
  status: number;
  /** Short, human-readable summary of the problem type. */
  title: string;
  /** Explanation specific to this occurrence; safe to show to the caller. */
  detail: string;
  errors?: FieldViolation[];
  /** Extra members added to the problem body (must be safe to expose). */
  extensions?: Record<string, unknown>;
  /** Response headers to add, such as `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * An error whose message is safe to return to the caller. Features raise subclasses with their own codes;
 * one filter turns them into RFC 9457 problem details.
 */
export class ApplicationError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly errors?: FieldViolation[];
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(options: ApplicationErrorOptions) {
    super(options.detail, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export class ResourceNotFoundError extends ApplicationError {
  constructor(resource: string, id: string) {
    const code = `${resource.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_NOT_FOUND`;
    super({ code, status: 404, title: `${resource} not found`, detail: `No ${resource} with id ${id} exists.` });
  }
}
