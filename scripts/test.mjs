#!/usr/bin/env node
// The one test command (`npm test`): lint, type check, unit and e2e suites on the embedded default, then the
// integration suites against PostgreSQL, NATS JetStream and Redis when DATABASE_URL, NATS_URL and REDIS_URL
// are set. With CI=true the integration suites are mandatory: a missing service fails the run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const REPORTS = join('test-output', 'reports');
const SERVICES = ['DATABASE_URL', 'NATS_URL', 'REDIS_URL'];
const ci = process.env.CI === 'true';
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

function step(name, command, args, env = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, TZ: 'UTC', ...env } });
  if (result.status !== 0) {
    failures.push(name);
  }

  return result.status === 0;
}

function suite(name, config) {
  const report = join(REPORTS, `${name}.json`);
  step(`${name} tests`, 'npx', [
    'vitest',
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += results.numPassedTests;
    totals.failed += results.numFailedTests;
    totals.skipped += results.numPendingTests + results.numTodoTests;
    if (results.numTotalTests === 0) {
      failures.push(`${name} tests (none found)`);
    }
  } catch {
    failures.push(`${name} tests (no report)`);
  }
}

step('lint', 'npm', ['run', '--silent', 'lint']);
step('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('build', 'node', ['scripts/build.mjs', '--quiet']);
suite('unit', 'vitest.config.ts');
suite('e2e', 'vitest.config.e2e.ts');

const missing = SERVICES.filter((name) => !process.env[name]);
if (missing.length === 0) {
  suite('integration', 'vitest.config.integration.ts');
} else if (ci) {
  console.error(`\nCI=true but ${missing.join(', ')} is not set: the integration suites are mandatory in CI.`);
  failures.push('integration tests (services missing)');
} else {
  console.log(`\nIntegration suites not run: set ${missing.join(', ')} to run them against real services.`);
}

console.log(`\n${failures.length === 0 ? 'All steps passed.' : `Failed steps: ${failures.join(', ')}`}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length === 0 ? 0 : 1);
