import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'x-correlation-id';
export const TRACEPARENT_HEADER = 'traceparent';

export interface CorrelationContext {
  readonly correlationId: string;
  /** W3C trace id (32 hex characters) carried on to outbound calls. */
  readonly traceId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

function traceIdFrom(traceparent: string | undefined): string | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim().toLowerCase()) : null;
  if (!match || /^0+$/.test(match[1])) {
    return undefined;
  }

  return match[1];
}

/**
 * Derives the correlation context of an incoming request: the caller's `X-Correlation-Id` when it is a safe
 * token, else the trace id of a W3C `traceparent`, else a new id.
 */
export function correlationFromHeaders(headers: Record<string, string | string[] | undefined>): CorrelationContext {
  const header = headers[CORRELATION_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  const traceparent = headers[TRACEPARENT_HEADER];
  const traceId = traceIdFrom(Array.isArray(traceparent) ? traceparent[0] : traceparent);
  const correlationId = given && SAFE_ID.test(given) ? given : (traceId ?? randomUUID());

  return { correlationId, traceId: traceId ?? randomBytes(16).toString('hex') };
}

/** Runs `work` inside a correlation context; code it calls reads the id with {@link currentCorrelation}. */
export function runWithCorrelation<T>(context: CorrelationContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/** Headers that carry the current correlation to another service; a fresh span id per call. */
export function outboundCorrelationHeaders(): Record<string, string> {
  const context = currentCorrelation();
  if (!context) {
    return {};
  }

  return {
    [CORRELATION_HEADER]: context.correlationId,
    [TRACEPARENT_HEADER]: `00-${context.traceId}-${randomBytes(8).toString('hex')}-01`,
  };
}
