import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { AuditLog } from '@lanegate/persistence';

import { openAuditDatabase, steppingClock } from './audit-fixture.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const AUDIT_VERIFY = join(ROOT, 'dist/apps/gateway/src/audit-verify.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command in `cwd`, where it reads its `.env`, with none of this process's environment. */
function auditVerify(cwd: string, args: string[] = []): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [AUDIT_VERIFY, ...args], { cwd, env: { PATH: process.env.PATH, TZ: 'UTC' } });
    const outcome: Outcome = { code: null, stdout: '', stderr: '' };
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => (outcome.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (outcome.stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ ...outcome, code });
    });
  });
}

describe('npm run audit:verify', () => {
  const folders: string[] = [];
  let folder: string;

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale', '--quiet'], { cwd: ROOT });
  }, 120_000);

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'lanegate-audit-verify-'));
    folders.push(folder);
    writeFileSync(join(folder, '.env'), `DATA_DIR=${folder}\n`);
    const { dataSource, dispose } = await openAuditDatabase({ dataDir: folder });
    const log = new AuditLog(dataSource, { clock: steppingClock() });
    for (let index = 1; index <= 5; index += 1) {
      await log.record({ actor: 'system', action: 'invoice.posted', targetType: 'invoice', targetId: `I-${index}` });
    }
    await dispose();
  });

  afterAll(() => {
    for (const created of folders) {
      rmSync(created, { recursive: true, force: true });
    }
  });

  it('exits 0 and reports each intact chain, skipping a layer without a database', async () => {
    const outcome = await auditVerify(folder);

    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe(
      `system: no database at ${join(folder, 'system.sqlite')}, skipped\nprocess: 5 entries, chain intact\n`,
    );
  });

  it('exits 1 and names an entry that was edited', async () => {
    const database = new Database(join(folder, 'process.sqlite'));
    database.prepare(`UPDATE audit_log SET target_id = 'I-999' WHERE seq = 3`).run();
    database.close();

    const outcome = await auditVerify(folder);

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('process: entry 3 changed: its contents no longer match its hash');
  });

  it('checks only the layer named by --layer', async () => {
    const outcome = await auditVerify(folder, ['--layer', 'process']);

    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe('process: 5 entries, chain intact\n');
  });

  it('skips a database whose audit table does not exist yet', async () => {
    new Database(join(folder, 'system.sqlite')).close();

    const outcome = await auditVerify(folder, ['--layer', 'system']);

    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe('system: no audit_log table (its migrations have not run), skipped\n');
  });

  it('exits 2 for a layer that keeps no database', async () => {
    const outcome = await auditVerify(folder, ['--layer', 'experience']);

    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('--layer must be one of system, process');
  });
});
