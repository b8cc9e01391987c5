import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, expect, it } from 'vitest';

import { waitUntil } from '@lanegate/platform/testing';

import {
  consumerSubscription,
  DeadLetterEntity,
  type EventBus,
  InboxEventEntity,
  OutboxEventEntity,
  OutboxRelay,
  parseEvent,
} from '../src/index.js';
import { appendEach, effects, openMessagingDatabase, recordEffect, shipmentEvent } from './messaging-fixture.js';

/**
 * The delivery guarantees every bus must give, run against a database and a bus: the in-process bus on SQLite in
 * the e2e suite, NATS JetStream on PostgreSQL in the integration suite.
 */
export function messagingScenarios(options: { databaseUrl?: string; bus: () => EventBus; consumerName: () => string }) {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  let bus: EventBus;
  let relay: OutboxRelay;

  beforeEach(async () => {
    ({ dataSource, dispose } = await openMessagingDatabase(options.databaseUrl));
    bus = options.bus();
    relay = new OutboxRelay({ name: `test-${Math.random().toString(36).slice(2, 8)}`, dataSource, bus });
  });

  afterEach(async () => {
    await relay.stop();
    await bus.close();
    await dispose();
  });

  it('takes effect of 1,000 events exactly once, each shipment in order, even when all are published twice', async () => {
    const consumer = options.consumerName();
    await bus.subscribe(
      consumerSubscription(dataSource, { name: consumer, types: ['lanegate.shipment.'], effect: recordEffect }),
    );
    const events = Array.from({ length: 1000 }, (_, index) =>
      shipmentEvent(`SHP-${index % 40}`, Math.floor(index / 40) + 1),
    );
    await appendEach(dataSource, events);

    relay.start();
    await waitUntil(async () => (await effects(dataSource)).length === 1000);
    // A crash between publish and mark: everything goes out again.
    await dataSource
      .getRepository(OutboxEventEntity)
      .createQueryBuilder()
      .update()
      .set({ publishedAt: null })
      .execute();
    relay.notify();
    await waitUntil(
      async () =>
        (await dataSource
          .getRepository(OutboxEventEntity)
          .createQueryBuilder('o')
          .where('o.published_at IS NULL')
          .getCount()) === 0,
    );
    await waitUntil(async () => (await dataSource.getRepository(InboxEventEntity).countBy({ consumer })) === 1000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const applied = await effects(dataSource);
    expect(applied).toHaveLength(1000);
    // Each handling knows when the bus took its event, for the event lag.
    const inbox = await dataSource.getRepository(InboxEventEntity).findBy({ consumer });
    expect(inbox.filter((row) => row.publishedAt === null)).toEqual([]);
    expect(inbox.filter((row) => row.publishedAt!.getTime() > row.handledAt.getTime())).toEqual([]);
    expect(new Set(applied.map((effect) => effect.eventId)).size).toBe(1000);
    for (let shipment = 0; shipment < 40; shipment += 1) {
      const sequences = applied
        .filter((effect) => effect.subject === `SHP-${shipment}`)
        .map((effect) => effect.sequence);
      expect(sequences).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    }
  });

  it('moves a poison event to the dead-letter store after the allowed attempts, with its error', async () => {
    const consumer = options.consumerName();
    const attempts: number[] = [];
    await bus.subscribe(
      consumerSubscription(dataSource, {
        name: consumer,
        types: ['lanegate.shipment.'],
        retry: { maxAttempts: 3, backoffMs: () => 20 },
        effect: async (event, manager) => {
          if ((event.data as { poison?: boolean }).poison) {
            attempts.push(1);
            throw Object.assign(new Error('stop 9 does not exist on this route'), { code: 'STOP_UNKNOWN' });
          }
          await recordEffect(event, manager);
        },
      }),
    );
    const poison = shipmentEvent('SHP-P', 2, { poison: true });
    await appendEach(dataSource, [
      shipmentEvent('SHP-P', 1),
      poison,
      shipmentEvent('SHP-P', 3),
      shipmentEvent('SHP-Q', 1),
    ]);

    relay.start();
    await waitUntil(async () => (await dataSource.getRepository(DeadLetterEntity).count()) === 1);
    // The shipment's next event follows as soon as the poison is set aside: the dead letter releases the partition.
    await waitUntil(async () => (await effects(dataSource)).length === 3);

    const [letter] = await dataSource.getRepository(DeadLetterEntity).find();
    expect(attempts).toHaveLength(3);
    expect(await dataSource.getRepository(DeadLetterEntity).count()).toBe(1);
    expect((await effects(dataSource)).map((effect) => `${effect.subject}#${effect.sequence}`).sort()).toEqual([
      'SHP-P#1',
      'SHP-P#3',
      'SHP-Q#1',
    ]);
    expect(letter).toMatchObject({ consumer, eventId: poison.id, attempts: 3, reason: 'STOP_UNKNOWN', status: 'open' });
    expect(letter.error).toContain('stop 9 does not exist');
    expect(parseEvent(letter.envelope).id).toBe(poison.id);
    expect(await dataSource.getRepository(InboxEventEntity).countBy({ eventId: poison.id })).toBe(0);
  });

  it('keeps one open dead letter per event when its last attempt is reported again after a crash', async () => {
    const subscription = consumerSubscription(dataSource, {
      name: options.consumerName(),
      types: ['lanegate.shipment.'],
      effect: () => Promise.reject(new Error('unused')),
    });
    const event = shipmentEvent('SHP-R', 1);

    await subscription.exhausted(event, Object.assign(new Error('rate table missing'), { code: 'RATE_MISSING' }), 5);
    await subscription.exhausted(event, Object.assign(new Error('lane not priced'), { code: 'LANE_UNPRICED' }), 6);

    const letters = await dataSource.getRepository(DeadLetterEntity).findBy({ eventId: event.id });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ status: 'open', attempts: 6, reason: 'LANE_UNPRICED' });
    expect(letters[0].lastFailedAt.getTime()).toBeGreaterThanOrEqual(letters[0].firstFailedAt.getTime());
  });
}
