import { describe, expect, it } from 'vitest';

import { createEvent, type LanegateEvent } from '../event-envelope.js';
import type { EventSubscription } from '../event-bus.js';
import { InProcessEventBus } from './in-process-event-bus.js';

const event = (subject: string, sequence: number): LanegateEvent =>
  createEvent({
    type: 'lanegate.shipment.departed_stop.v1',
    subject,
    source: '/lanegate/test',
    data: { sequence },
    correlationId: `c-${subject}`,
    sequence,
  });

function subscription(overrides: Partial<EventSubscription>): EventSubscription {
  return {
    consumer: 'test',
    accepts: (type) => type.startsWith('lanegate.shipment.'),
    handle: () => Promise.resolve(),
    exhausted: () => Promise.resolve(),
    retry: { maxAttempts: 3, backoffMs: () => 1 },
    ...overrides,
  };
}

describe(InProcessEventBus.name, () => {
  it("hands one shipment's events to a consumer one at a time, in publish order", async () => {
    const bus = new InProcessEventBus();
    const seen: number[] = [];
    let running = 0;
    let overlapped = false;
    await bus.subscribe(
      subscription({
        handle: async (received) => {
          running += 1;
          overlapped ||= running > 1;
          await new Promise((resolve) => setTimeout(resolve, 5 - (received.sequence ?? 0)));
          seen.push(received.sequence ?? -1);
          running -= 1;
        },
      }),
    );

    await Promise.all([1, 2, 3, 4].map((sequence) => bus.publish([event('SHP-1', sequence)])));

    expect(seen).toEqual([1, 2, 3, 4]);
    expect(overlapped).toBe(false);
  });

  it('handles different shipments concurrently', async () => {
    const bus = new InProcessEventBus();
    let running = 0;
    let peak = 0;
    await bus.subscribe(
      subscription({
        handle: async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running -= 1;
        },
      }),
    );

    await bus.publish([event('SHP-A', 1), event('SHP-B', 1), event('SHP-C', 1)]);

    expect(peak).toBe(3);
  });

  it('retries a failing event and gives it up to the exhausted callback after the last attempt', async () => {
    const bus = new InProcessEventBus();
    const attempts: number[] = [];
    const exhausted: { id: string; attempts: number }[] = [];
    await bus.subscribe(
      subscription({
        handle: (received, attempt) => {
          attempts.push(attempt);

          return Promise.reject(new Error(`cannot apply ${received.id}`));
        },
        exhausted: (received, _error, count) => {
          exhausted.push({ id: received.id, attempts: count });

          return Promise.resolve();
        },
      }),
    );
    const poison = event('SHP-9', 1);

    await bus.publish([poison]);

    expect(attempts).toEqual([1, 2, 3]);
    expect(exhausted).toEqual([{ id: poison.id, attempts: 3 }]);
  });

  it('only delivers events the consumer accepts', async () => {
    const bus = new InProcessEventBus();
    const types: string[] = [];
    await bus.subscribe(
      subscription({
        accepts: (type) => type.startsWith('lanegate.invoice.'),
        handle: (received) => {
          types.push(received.type);

          return Promise.resolve();
        },
      }),
    );

    await bus.publish([event('SHP-2', 1)]);

    expect(types).toEqual([]);
  });
});
