import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';

import { ConfigurationError, loadConfig } from './lanegate-config.js';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      return error.problems;
    }
    throw error;
  }

  return [];
}

describe('loadConfig', () => {
  it('runs the embedded gateway with defaults alone', () => {
    const config = loadConfig('gateway', {});

    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.layerUrls.process).toBe('http://127.0.0.1:3000');
    expect(config.erp.baseUrl).toBe('http://127.0.0.1:3000/sandbox/erp');
    expect(config.auth.usesDevelopmentSecret).toBe(true);
  });

  it('accepts .env.example as it stands, with the defaults it documents', () => {
    const example = parse(readFileSync(resolve(import.meta.dirname, '../../../../.env.example')));
    const config = loadConfig('gateway', example);

    expect(config).toEqual(loadConfig('gateway', {}));
  });

  it('plays demonstration loads in the embedded gateway only, never under test, unless told otherwise', () => {
    expect(loadConfig('gateway', {}).demo.loadsPerMinute).toBe(4);
    expect(loadConfig('gateway', { NODE_ENV: 'test' }).demo.loadsPerMinute).toBe(0);
    expect(loadConfig('gateway', { DEMO_LOADS_PER_MINUTE: '0' }).demo.loadsPerMinute).toBe(0);
    expect(loadConfig('gateway', { NODE_ENV: 'test', DEMO_LOADS_PER_MINUTE: '30' }).demo.loadsPerMinute).toBe(30);
    expect(loadConfig('process-api', { SYSTEM_API_URL: 'http://127.0.0.1:4001' }).demo.loadsPerMinute).toBe(0);
    expect(problemsOf(() => loadConfig('gateway', { DEMO_LOADS_PER_MINUTE: 'lots' }))).toEqual([
      expect.stringContaining('DEMO_LOADS_PER_MINUTE'),
    ]);
  });

  it('names a port that is not a number', () => {
    expect(problemsOf(() => loadConfig('gateway', { PORT: 'eighty' }))).toEqual([
      'PORT must be an integer between 1 and 65535 (got "eighty")',
    ]);
  });

  it('names a database URL that is not PostgreSQL', () => {
    expect(problemsOf(() => loadConfig('gateway', { DATABASE_URL: 'mysql://localhost/lanegate' }))[0]).toMatch(
      /^DATABASE_URL must be a postgres:\/\/ URL/,
    );
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf(() => loadConfig('gateway', { PORT: '0', LOG_LEVEL: 'loud', THROTTLE_LIMIT: 'x' }));

    expect(problems.map((problem) => problem.split(' ')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'THROTTLE_LIMIT']);
  });

  it('requires a strong JWT secret in production', () => {
    expect(problemsOf(() => loadConfig('gateway', { NODE_ENV: 'production' }))[0]).toMatch(
      /^JWT_SECRET must be at least 32/,
    );
    expect(problemsOf(() => loadConfig('gateway', { JWT_SECRET: 'short' }))[0]).toMatch(/^JWT_SECRET/);
  });

  it('requires the URL of every layer a standalone process calls', () => {
    expect(problemsOf(() => loadConfig('experience-api', {}))).toEqual([
      'PROCESS_API_URL is required when running experience-api on its own',
    ]);
    expect(problemsOf(() => loadConfig('process-api', {}))).toEqual([
      'SYSTEM_API_URL is required when running process-api on its own',
    ]);
    expect(loadConfig('experience-api', { PROCESS_API_URL: 'http://process:3000' }).layerUrls.process).toBe(
      'http://process:3000',
    );
  });

  it('reads booleans and turns pretty logs on in development only by default', () => {
    expect(loadConfig('gateway', { NODE_ENV: 'development' }).log.pretty).toBe(true);
    expect(loadConfig('gateway', { NODE_ENV: 'test' }).log.pretty).toBe(false);
    expect(loadConfig('gateway', { LOG_PRETTY: 'false' }).log.pretty).toBe(false);
    expect(problemsOf(() => loadConfig('gateway', { LOG_PRETTY: 'maybe' }))[0]).toMatch(/^LOG_PRETTY must be true/);
  });

  it('requires a signing secret with an alert webhook URL, and sends no notifications without a URL', () => {
    const secret = 'whsec_bGFuZWdhdGUtYWxlcnQtd2ViaG9vay1zZWNyZXQ=';

    expect(loadConfig('gateway', {}).alerts.webhook).toBeUndefined();
    expect(problemsOf(() => loadConfig('gateway', { ALERT_WEBHOOK_URL: 'https://ops.example.com/hooks' }))[0]).toMatch(
      /^ALERT_WEBHOOK_SECRET must be whsec_.*required when ALERT_WEBHOOK_URL is set/,
    );
    expect(problemsOf(() => loadConfig('gateway', { ALERT_WEBHOOK_SECRET: 'not-a-secret' }))[0]).toMatch(
      /^ALERT_WEBHOOK_SECRET/,
    );
    expect(
      loadConfig('gateway', { ALERT_WEBHOOK_URL: 'https://ops.example.com/hooks', ALERT_WEBHOOK_SECRET: secret }).alerts
        .webhook,
    ).toEqual({ url: 'https://ops.example.com/hooks', secret, timeoutMs: 5000 });
  });
});
