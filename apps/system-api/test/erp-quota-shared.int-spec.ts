import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig, TokenIssuer } from '@lanegate/platform';
import { createScratchDatabase, freePort, type ScratchDatabase } from '@lanegate/platform/testing';

import { type HeldDocument, type HttpAnswer, invoiceFor, metricValue } from './erp-sandbox.js';

const REQUIRED_VARIABLES = ['DATABASE_URL', 'NATS_URL', 'REDIS_URL'] as const;
const missing = REQUIRED_VARIABLES.filter((name) => !process.env[name]);
const onCi = process.env.CI === 'true';

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = {
  sandbox: resolve(ROOT, 'dist/apps/sandbox/src/main.js'),
  'system-api': resolve(ROOT, 'dist/apps/system-api/src/main.js'),
} as const;
const JWT_SECRET = 'lanegate-integration-secret-of-32-characters-or-more';
const QUOTA_PER_SECOND = 20;
const INVOICES = 200;

/** A Lanegate app started from its built `main.js`, in a Node process of its own. */
interface AppProcess {
  baseUrl: string;
  stop: () => Promise<void>;
}

async function startProcess(app: keyof typeof MAIN, env: Record<string, string>, cwd: string): Promise<AppProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN[app]], {
    // Not the repository root, so that a developer's `.env` there cannot change the settings under test.
    cwd,
    env: { PATH: process.env.PATH, TZ: 'UTC', NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stderr?.on('data', keep);
  await new Promise<void>((ready, failed) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (output.includes('is listening on')) {
        ready();
      }
    });
    child.once('exit', (code) => failed(new Error(`${app} exited with ${code} before listening:\n${output}`)));
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function call(baseUrl: string, bearer: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: bearer, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();

  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe.skipIf(missing.length > 0 && !onCi)('ERP quota shared by two system-api processes through Redis', () => {
  const runId = randomBytes(4).toString('hex');
  // A tenant of its own, so that the shared limiter state of earlier runs in Redis never applies.
  const tenant = `it-quota-${runId}`;
  const workDir = mkdtempSync(join(tmpdir(), 'lanegate-erp-quota-'));
  let scratch: ScratchDatabase | undefined;
  let sandbox: AppProcess | undefined;
  const systems: AppProcess[] = [];
  const tokens = new TokenIssuer(loadConfig('sandbox', { NODE_ENV: 'test', JWT_SECRET }));
  const internal = `Bearer ${tokens.issue({ subject: 'process-api', scopes: ['internal'] })}`;
  const ops = `Bearer ${tokens.issue({ subject: 'test-operator', scopes: ['ops'] })}`;

  const sandboxCall = (method: string, path: string): Promise<HttpAnswer> => call(sandbox!.baseUrl, ops, method, path);

  beforeAll(async () => {
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} must be set to run the shared ERP quota integration suite on CI`);
    }
    execFileSync(process.execPath, [resolve(ROOT, 'scripts/build.mjs'), '--if-stale', '--quiet'], { cwd: ROOT });

    scratch = await createScratchDatabase(process.env.DATABASE_URL!);
    // The ERP is outside the gateway: a process of its own, so its clock of arrivals is not this test's.
    sandbox = await startProcess('sandbox', { JWT_SECRET, DATA_DIR: workDir }, workDir);
    const env = {
      JWT_SECRET,
      DATABASE_URL: scratch.url,
      NATS_URL: process.env.NATS_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      ERP_BASE_URL: `${sandbox.baseUrl}/sandbox/erp`,
      ERP_TENANT: tenant,
      ERP_QUOTA_PER_SECOND: String(QUOTA_PER_SECOND),
    };
    // One after the other: the first creates and migrates the schema, the second finds it done.
    systems.push(await startProcess('system-api', env, workDir));
    systems.push(await startProcess('system-api', env, workDir));
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([...systems, sandbox].map((app) => app?.stop() ?? Promise.resolve()));
    await scratch?.drop();
    rmSync(workDir, { recursive: true, force: true });
    if (process.env.REDIS_URL) {
      const redis = new Redis(process.env.REDIS_URL);
      const keys = [
        ...(await redis.keys(`b_lanegate-erp-${tenant}_*`)),
        ...(await redis.keys(`lanegate:erp-call-latency:lanegate-erp-${tenant}*`)),
      ];
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      await redis.quit();
    }
  }, 60_000);

  it('POST /system/v1/erp/invoices: 200 postings across both processes wait for one budget of 20 a second', async () => {
    for (const system of systems) {
      const ready = await call(system.baseUrl, internal, 'GET', '/health/ready');
      expect(ready.status).toBe(200);
      // Fetches the process's ERP token and joins the shared limiter before the clock starts.
      expect((await call(system.baseUrl, internal, 'GET', '/system/v1/erp/fuel-surcharge')).status).toBe(200);
    }
    await sandboxCall('POST', '/sandbox/erp/reset');
    const invoiceIds = Array.from({ length: INVOICES }, (_, index) => `INV-SHARED-${runId}-${index}`);

    const startedAt = performance.now();
    const answers = await Promise.all(
      invoiceIds.map((invoiceId, index) =>
        call(systems[index % 2].baseUrl, internal, 'POST', '/system/v1/erp/invoices', invoiceFor(invoiceId)),
      ),
    );
    const elapsedMs = performance.now() - startedAt;
    process.stdout.write(
      `[erp-quota-shared] ${INVOICES} postings through 2 processes at ${QUOTA_PER_SECOND}/s took ` +
        `${Math.round(elapsedMs)} ms\n`,
    );

    expect(answers.filter((answer) => answer.status !== 201).map((answer) => answer.body)).toEqual([]);
    const stats = (await sandboxCall('GET', '/sandbox/erp/stats')).body;
    expect(stats.served429).toBe(0);
    expect(stats.calls).toEqual({ 'POST /invoices 201': INVOICES });
    const documents: HeldDocument[] = (await sandboxCall('GET', '/sandbox/erp/documents')).body.items;
    expect(documents).toHaveLength(INVOICES);
    expect(new Set(documents.map((document) => document.externalReference))).toEqual(new Set(invoiceIds));
    // Half the postings went through each process, and each waited for the shared quota.
    for (const system of systems) {
      const scrape = await (await fetch(`${system.baseUrl}/metrics`)).text();
      expect(metricValue(scrape, 'lanegate_erp_limiter_wait_seconds_count', { tenant, transaction: 'posting' })).toBe(
        INVOICES / 2,
      );
    }
    // One budget: at least 9 s after the first second's burst. Two budgets of 20 a second would take about 5 s.
    expect(elapsedMs).toBeGreaterThanOrEqual(9_000);
  }, 90_000);

  it('GET /system/v1/erp/call-latency: either process reports the postings of both, through Redis', async () => {
    for (const system of systems) {
      const latency = await call(system.baseUrl, ops, 'GET', '/system/v1/erp/call-latency');
      const postings = latency.body.byOperation.find(
        (figures: { operation: string }) => figures.operation === 'postInvoice',
      );

      expect(latency.status).toBe(200);
      expect(latency.body.scope).toBe('all_replicas');
      // Each process made half of them; a figure of its own calls would rest on 100.
      expect(postings.samples).toBe(INVOICES);
      expect(postings.p95Ms).toBeGreaterThanOrEqual(postings.p50Ms);
    }
  });
});
