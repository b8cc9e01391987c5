import { describe, expect, it } from 'vitest';

import { correlationFromHeaders, outboundCorrelationHeaders, runWithCorrelation } from './correlation-context.js';

describe('correlationFromHeaders', () => {
  it('keeps a caller-supplied correlation id', () => {
    expect(correlationFromHeaders({ 'x-correlation-id': 'order-42.a' }).correlationId).toBe('order-42.a');
  });

  it('falls back to the trace id of a W3C traceparent', () => {
    const context = correlationFromHeaders({
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });

    expect(context.correlationId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(context.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('replaces an unsafe correlation id with a generated one', () => {
    const context = correlationFromHeaders({ 'x-correlation-id': 'bad id\r\nSet-Cookie: x' });

    expect(context.correlationId).not.toContain('bad');
    expect(context.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores an all-zero trace id', () => {
    const context = correlationFromHeaders({
      traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    });

    expect(context.traceId).not.toBe('0'.repeat(32));
  });
});

describe('outboundCorrelationHeaders', () => {
  it('passes the correlation id and trace id on, with a new span id', () => {
    const headers = runWithCorrelation({ correlationId: 'c-1', traceId: 'a'.repeat(32) }, () =>
      outboundCorrelationHeaders(),
    );

    expect(headers['x-correlation-id']).toBe('c-1');
    expect(headers.traceparent).toMatch(/^00-a{32}-[0-9a-f]{16}-01$/);
  });

  it('adds nothing outside a request', () => {
    expect(outboundCorrelationHeaders()).toEqual({});
  });
});
