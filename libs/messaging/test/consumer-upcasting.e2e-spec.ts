import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';

import {
  defineEvent,
  EventCatalog,
  InProcessEventBus,
  OutboxRelay,
  consumerSubscription,
  createEvent,
  type LanegateEvent,
} from '../src/index.js';
import { appendEach, openMessagingDatabase } from './messaging-fixture.js';

interface StopV1 {
  stop: number;
}
interface StopV2 {
  stopSequence: number;
  kind: 'delivery';
}

/** A catalog in which a v1 event was replaced by v2, as a new version of a real type would be. */
const catalog = new EventCatalog()
  .register(
    defineEvent<StopV2>({
      type: 'lanegate.test.stop_reached.v2',
      summary: 'A stop was reached.',
      description: 'Test event whose v1 named its field differently.',
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['stopSequence', 'kind'],
        properties: {
          stopSequence: { type: 'integer', description: 'Stop.' },
          kind: { type: 'string', enum: ['delivery'], description: 'Kind.' },
        },
      } as never,
      example: { stopSequence: 2, kind: 'delivery' },
    }),
  )
  .registerUpcaster<StopV1, StopV2>('lanegate.test.stop_reached.v1', ({ stop }) => ({
    stopSequence: stop,
    kind: 'delivery',
  }));

describe('consumers and old event versions', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ dataSource, dispose } = await openMessagingDatabase());
  });

  afterEach(async () => {
    await dispose();
  });

  it('hands a consumer the current version of an event published in an old one', async () => {
    const bus = new InProcessEventBus();
    const seen: LanegateEvent[] = [];
    await bus.subscribe(
      consumerSubscription(dataSource, {
        name: 'upcasting-consumer',
        types: ['lanegate.test.stop_reached.'],
        catalog,
        effect: (event) => {
          seen.push(event);

          return Promise.resolve();
        },
      }),
    );
    const old = createEvent({
      type: 'lanegate.test.stop_reached.v1',
      subject: 'SHP-U1',
      source: '/lanegate/test',
      data: { stop: 2 },
      correlationId: 'order-u1',
      sequence: 4,
    });
    await appendEach(dataSource, [old]);

    await new OutboxRelay({ name: 'upcasting', dataSource, bus }).drain();

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      id: old.id,
      type: 'lanegate.test.stop_reached.v2',
      sequence: 4,
      correlationid: 'order-u1',
    });
    expect(seen[0].data).toEqual({ stopSequence: 2, kind: 'delivery' });
  });
});
