import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { connect } from 'nats';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { freePort, waitUntil } from '@lanegate/platform/testing';

import {
  consumerSubscription,
  type EventBus,
  InboxEventEntity,
  JetStreamEventBus,
  type LanegateEvent,
  OutboxEventEntity,
  OutboxRelay,
} from '../src/index.js';
import { appendEach, effects, openMessagingDatabase, recordEffect, shipmentEvent } from './messaging-fixture.js';

const { DATABASE_URL, NATS_URL, CI } = process.env;
if (CI === 'true' && (!DATABASE_URL || !NATS_URL)) {
  throw new Error('CI=true: DATABASE_URL and NATS_URL must be set for the messaging integration suite');
}

function busOn(servers: string, run: string): JetStreamEventBus {
  return new JetStreamEventBus({
    servers,
    stream: `LANEGATE_TEST_${run}`,
    subjectPrefix: `lanegate-test.${run}`,
    partitions: 8,
  });
}

function expectOnceInOrder(applied: { subject: string; sequence: number; eventId: string }[], events: LanegateEvent[]) {
  expect(applied).toHaveLength(events.length);
  expect(new Set(applied.map((effect) => effect.eventId)).size).toBe(events.length);
  const bySubject = new Map<string, number[]>();
  for (const effect of applied) {
    bySubject.set(effect.subject, [...(bySubject.get(effect.subject) ?? []), effect.sequence]);
  }
  for (const sequences of bySubject.values()) {
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  }
}

describe.skipIf(!DATABASE_URL || !NATS_URL)('JetStream delivery under load, replicas and broker restarts', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  const closers: (() => Promise<unknown>)[] = [];
  const streams: { servers: string; stream: string }[] = [];

  beforeEach(async () => {
    ({ dataSource, dispose } = await openMessagingDatabase(DATABASE_URL));
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) {
      await close().catch(() => undefined);
    }
    await dispose();
  });

  afterAll(async () => {
    for (const { servers, stream } of streams) {
      const nc = await connect({ servers, timeout: 2000 }).catch(() => undefined);
      if (nc) {
        const jsm = await nc.jetstreamManager();
        await jsm.streams.delete(stream).catch(() => false);
        await nc.close();
      }
    }
  });

  function track(bus: EventBus, relay?: OutboxRelay): void {
    closers.push(() => bus.close());
    if (relay) {
      closers.push(() => relay.stop());
    }
  }

  it('shares one stream between two consumer replicas without handling a shipment twice, concurrently or out of order', async () => {
    const run = randomUUID().slice(0, 8);
    streams.push({ servers: NATS_URL!, stream: `LANEGATE_TEST_${run}` });
    const consumer = `replicas-${run}`;
    const inFlight = new Set<string>();
    const handledBy = { a: 0, b: 0 };
    let overlaps = 0;
    const replica = (): EventBus => {
      const bus = busOn(NATS_URL!, run);
      track(bus);

      return bus;
    };
    const effect = (name: 'a' | 'b') => async (event: LanegateEvent, manager: import('typeorm').EntityManager) => {
      if (inFlight.has(event.subject!)) {
        overlaps += 1;
      }
      inFlight.add(event.subject!);
      await sleep(2);
      await recordEffect(event, manager);
      handledBy[name] += 1;
      inFlight.delete(event.subject!);
    };
    const first = replica();
    const second = replica();
    await first.subscribe(
      consumerSubscription(dataSource, { name: consumer, types: ['lanegate.'], effect: effect('a') }),
    );
    await second.subscribe(
      consumerSubscription(dataSource, { name: consumer, types: ['lanegate.'], effect: effect('b') }),
    );
    const events = Array.from({ length: 400 }, (_, index) =>
      shipmentEvent(`SHP-R${index % 20}`, Math.floor(index / 20) + 1),
    );
    await appendEach(dataSource, events);
    const relay = new OutboxRelay({ name: `replicas-${run}`, dataSource, bus: first });
    track(first, relay);

    relay.start();
    await waitUntil(async () => (await effects(dataSource)).length >= events.length);
    await sleep(300);

    expectOnceInOrder(await effects(dataSource), events);
    expect(overlaps).toBe(0);
    expect(handledBy.a).toBeGreaterThan(0);
    expect(handledBy.b).toBeGreaterThan(0);
  });

  it("delivers an event once while its handling outlasts the ack wait, then the shipment's next event", async () => {
    const run = randomUUID().slice(0, 8);
    streams.push({ servers: NATS_URL!, stream: `LANEGATE_TEST_${run}` });
    const bus = new JetStreamEventBus({
      servers: NATS_URL!,
      stream: `LANEGATE_TEST_${run}`,
      subjectPrefix: `lanegate-test.${run}`,
      partitions: 2,
      ackWaitMs: 1_000,
    });
    const attempts: string[] = [];
    await bus.subscribe({
      consumer: `slow-${run}`,
      accepts: () => true,
      retry: { maxAttempts: 5, backoffMs: () => 10 },
      handle: async (event, attempt) => {
        attempts.push(`event ${(event.data as { stopSequence: number }).stopSequence}, attempt ${attempt}`);
        // Three ack waits long, as billing may be while the ERP is slow.
        if (event.data && (event.data as { slow?: boolean }).slow) {
          await sleep(3_000);
        }
      },
      exhausted: () => Promise.resolve(),
    });
    const relay = new OutboxRelay({ name: `slow-${run}`, dataSource, bus });
    track(bus, relay);
    await appendEach(dataSource, [shipmentEvent('SHP-SLOW', 1, { slow: true }), shipmentEvent('SHP-SLOW', 2)]);

    relay.start();
    await waitUntil(() => Promise.resolve(attempts.length >= 2));
    // Longer than a redelivery of the slow event would take to arrive, had the handling not reported progress.
    await sleep(1_500);

    expect(attempts).toEqual(['event 1, attempt 1', 'event 2, attempt 1']);
  });

  it('resumes publishing and consuming after NATS restarts, with events accepted meanwhile waiting in the outbox', async () => {
    const port = await freePort();
    const storeDir = mkdtempSync(join(tmpdir(), 'lanegate-nats-'));
    const servers = `nats://127.0.0.1:${port}`;
    let server: ChildProcess | undefined;
    const startNats = async (): Promise<void> => {
      server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
        stdio: 'ignore',
      });
      await waitUntil(async () => {
        const nc = await connect({ servers, timeout: 500 }).catch(() => undefined);
        await nc?.close();

        return nc !== undefined;
      }, 15_000);
    };
    const stopNats = async (): Promise<void> => {
      const stopped = new Promise((resolve) => server?.once('exit', resolve));
      server?.kill('SIGTERM');
      await stopped;
    };
    closers.push(async () => {
      await stopNats();
      rmSync(storeDir, { recursive: true, force: true });
    });
    await startNats();

    const run = randomUUID().slice(0, 8);
    const bus = busOn(servers, run);
    const consumer = `restart-${run}`;
    await bus.subscribe(
      consumerSubscription(dataSource, { name: consumer, types: ['lanegate.'], effect: recordEffect }),
    );
    const relay = new OutboxRelay({ name: `restart-${run}`, dataSource, bus, pollIntervalMs: 100 });
    track(bus, relay);
    relay.start();
    const before = Array.from({ length: 100 }, (_, index) =>
      shipmentEvent(`SHP-N${index % 10}`, Math.floor(index / 10) + 1),
    );
    await appendEach(dataSource, before);
    await waitUntil(async () => (await effects(dataSource)).length === before.length);

    await stopNats();
    const during = Array.from({ length: 100 }, (_, index) =>
      shipmentEvent(`SHP-N${index % 10}`, Math.floor(index / 10) + 11),
    );
    await appendEach(dataSource, during);
    await sleep(1_000);
    const waiting = await dataSource
      .getRepository(OutboxEventEntity)
      .createQueryBuilder('outbox')
      .where('outbox.published_at IS NULL')
      .getCount();
    expect(waiting).toBe(during.length);

    await startNats();
    await waitUntil(async () => (await effects(dataSource)).length >= before.length + during.length, 60_000);
    await sleep(300);

    expectOnceInOrder(await effects(dataSource), [...before, ...during]);
    expect(await dataSource.getRepository(InboxEventEntity).countBy({ consumer })).toBe(before.length + during.length);
  });
});
