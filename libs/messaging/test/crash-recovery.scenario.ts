import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { connect } from 'nats';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { waitUntil } from '@lanegate/platform/testing';

import { InboxEventEntity } from '../src/index.js';
import { appendEach, effects, openMessagingDatabase, shipmentEvent } from './messaging-fixture.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const WORKER = resolve(import.meta.dirname, 'fixtures/relay-worker.mjs');

/**
 * 1,000 events, a relay and a consumer in a child process killed with SIGKILL mid-run and started again: on
 * PostgreSQL with JetStream when both URLs are given, else on SQLite with the in-process bus.
 */
export function crashRecoveryScenario(services: { databaseUrl?: string; natsUrl?: string }) {
  const { databaseUrl: DATABASE_URL, natsUrl: NATS_URL } = services;
  const run = randomUUID().slice(0, 8);
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  let location: string;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    execFileSync(process.execPath, [resolve(ROOT, 'scripts/build.mjs'), '--if-stale', '--quiet'], { cwd: ROOT });
    ({ dataSource, dispose, location } = await openMessagingDatabase(DATABASE_URL));
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await dispose?.();
    if (NATS_URL) {
      const nc = await connect({ servers: NATS_URL });
      await (await nc.jetstreamManager()).streams.delete(`LANEGATE_TEST_${run}`).catch(() => false);
      await nc.close();
    }
  });

  async function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [WORKER], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        ...(DATABASE_URL && NATS_URL
          ? { DATABASE_URL, NATS_URL, WORKER_SCHEMA: location }
          : { WORKER_DATA_DIR: location }),
        WORKER_RUN: run,
        WORKER_CONSUMER: `crash-${run}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ready, failed) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
      child.once('exit', (code) => failed(new Error(`worker exited with ${code}`)));
    });

    return child;
  }

  it('takes effect of every one of 1,000 events exactly once after a restart, checked on state', async () => {
    const events = Array.from({ length: 1000 }, (_, index) =>
      shipmentEvent(`SHP-K${index % 25}`, Math.floor(index / 25) + 1),
    );
    await appendEach(dataSource, events);

    worker = await startWorker();
    await waitUntil(async () => (await effects(dataSource)).length >= 250);
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker?.once('exit', resolve));
    const atKill = (await effects(dataSource)).length;

    worker = await startWorker();
    await waitUntil(async () => (await effects(dataSource)).length >= events.length);
    await sleep(3_000);

    const applied = await effects(dataSource);
    expect(atKill).toBeLessThan(events.length);
    expect(applied).toHaveLength(events.length);
    expect(new Set(applied.map((effect) => effect.eventId))).toEqual(new Set(events.map((event) => event.id)));
    for (let shipment = 0; shipment < 25; shipment += 1) {
      const sequences = applied
        .filter((effect) => effect.subject === `SHP-K${shipment}`)
        .map((effect) => effect.sequence);
      expect(sequences).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    }
    expect(await dataSource.getRepository(InboxEventEntity).countBy({ consumer: `crash-${run}` })).toBe(events.length);
  });
}
