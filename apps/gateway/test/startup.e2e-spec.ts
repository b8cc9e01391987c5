import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort } from '@lanegate/platform/testing';

const ROOT = resolve(import.meta.dirname, '../../..');
const GATEWAY = join(ROOT, 'dist/apps/gateway/src/main.js');
const TOKEN = join(ROOT, 'dist/apps/gateway/src/token.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point in `cwd` (where its `.env` is read) until it exits or `untilOutput` appears. */
function run(entry: string, cwd: string, args: string[] = [], untilOutput?: RegExp): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd,
      env: { PATH: process.env.PATH, TZ: 'UTC', LOG_LEVEL: 'silent' },
    });
    const outcome: Outcome = { code: null, stdout: '', stderr: '' };
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      outcome.stdout += chunk.toString();
      if (untilOutput?.test(outcome.stdout)) {
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (outcome.stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ ...outcome, code });
    });
  });
}

describe('starting the built gateway', () => {
  const folders: string[] = [];
  const folderWithEnv = (env: string): string => {
    const folder = mkdtempSync(join(tmpdir(), 'lanegate-start-'));
    folders.push(folder);
    writeFileSync(join(folder, '.env'), env);

    return folder;
  };

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale', '--quiet'], { cwd: ROOT });
  }, 120_000);

  afterAll(() => {
    for (const folder of folders) {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('stops with a message naming the variable when a .env value is bad', async () => {
    const outcome = await run(GATEWAY, folderWithEnv('PORT=not-a-port\nDATA_DIR=./data\n'));

    expect(outcome.code).toBe(78);
    expect(outcome.stderr).toContain('PORT must be an integer between 1 and 65535 (got "not-a-port")');
  });

  it('starts and prints where to go when the .env is good', async () => {
    const port = await freePort();
    const outcome = await run(GATEWAY, folderWithEnv(`PORT=${port}\nDATA_DIR=./data\n`), [], /get a token/);

    expect(outcome.stdout).toContain(`Lanegate gateway is listening on http://127.0.0.1:${port}`);
    expect(outcome.stdout).toContain(`http://127.0.0.1:${port}/docs/process`);
    expect(outcome.stdout).toContain(`http://127.0.0.1:${port}/health/ready`);
  });

  it('prints a development token as the last line of the token command', async () => {
    const folder = folderWithEnv('JWT_SECRET=a-secret-of-at-least-thirty-two-characters\n');
    const outcome = await run(TOKEN, folder, ['--scope', 'portal', '--customer', 'C-1001']);
    const token = outcome.stdout.trim().split('\n').at(-1) ?? '';
    const claims = new JwtService().verify<{ scope: string; customer_id: string }>(token, {
      secret: 'a-secret-of-at-least-thirty-two-characters',
    });

    expect(outcome.code).toBe(0);
    expect(claims).toMatchObject({ scope: 'portal', customer_id: 'C-1001' });
  });

  it('refuses a portal token without a customer', async () => {
    const outcome = await run(TOKEN, folderWithEnv(''), ['--scope', 'portal']);

    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('a portal token needs --customer');
  });
});
