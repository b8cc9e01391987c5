import { Writable } from 'node:stream';

import { pino, type LoggerOptions } from 'pino';
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../config/lanegate-config.js';
import { runWithCorrelation } from '../correlation/correlation-context.js';
import { loggerOptions } from './logger-options.js';

function capture(): { lines: Record<string, unknown>[]; logger: pino.Logger } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const options = loggerOptions(loadConfig('process-api', { SYSTEM_API_URL: 'http://system:3000', NODE_ENV: 'test' }))
    .pinoHttp as LoggerOptions;

  return { lines, logger: pino({ ...options, transport: undefined }, sink) };
}

describe('loggerOptions', () => {
  it('writes JSON lines with the service name, an ISO time and the correlation id', () => {
    const { lines, logger } = capture();

    runWithCorrelation({ correlationId: 'order-7781', traceId: 'a'.repeat(32) }, () =>
      logger.info({ shipmentId: 'SHP-1' }, 'shipment created'),
    );

    expect(lines[0]).toMatchObject({
      service: 'lanegate-process-api',
      correlationId: 'order-7781',
      shipmentId: 'SHP-1',
      msg: 'shipment created',
    });
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('redacts bearer tokens, cookies, signatures and secrets', () => {
    const { lines, logger } = capture();

    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJhbGciOi', cookie: 'sid=1', 'webhook-signature': 'v1,abc' } },
        erp: { client_secret: 'sandbox-erp-secret', access_token: 'tok' },
      },
      'calling the ERP',
    );
    const text = JSON.stringify(lines[0]);

    expect(text).not.toContain('eyJhbGciOi');
    expect(text).not.toContain('sid=1');
    expect(text).not.toContain('v1,abc');
    expect(text).not.toContain('sandbox-erp-secret');
    expect(text).not.toContain('"tok"');
  });
});
