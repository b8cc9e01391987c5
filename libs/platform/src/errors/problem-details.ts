/** One field that failed validation, as reported inside a problem body. */
export interface FieldViolation {
  /** Dotted path of the offending field, e.g. `stops.1.arrivedAt`. */
  field: string;
  /** What is wrong with it, one sentence per broken rule. */
  messages: string[];
}

/** RFC 9457 problem details, plus the extension members every Lanegate error carries. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** Stable machine-readable code, e.g. `SHIPMENT_NOT_FOUND`. */
  code: string;
  /** The request's correlation id, to quote when asking for support. */
  correlationId: string;
  errors?: FieldViolation[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs are URNs derived from the code, so they are stable and need no hosted page. */
export function problemType(code: string): string {
  return `urn:lanegate:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}
