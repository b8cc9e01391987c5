import { describe, expect, it } from 'vitest';

import { createEvent, type LanegateEvent } from './event-envelope.js';
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

describe(InProcessEventBus.name, () => {
  it("hands one shipment's events to a handler one at a time, in publish order", async () => {
    const bus = new InProcessEventBus();
    const seen: number[] = [];
    let running = 0;
    let overlapped = false;
    bus.subscribe('test', 'lanegate.shipment.', async (received) => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 5 - (received.sequence ?? 0)));
      seen.push(received.sequence ?? -1);
      running -= 1;
    });

    await Promise.all([1, 2, 3, 4].map((sequence) => bus.publish([event('SHP-1', sequence)])));

    expect(seen).toEqual([1, 2, 3, 4]);
    expect(overlapped).toBe(false);
  });

  it('only delivers events whose type matches the subscription prefix', async () => {
    const bus = new InProcessEventBus();
    const types: string[] = [];
    bus.subscribe('test', 'lanegate.invoice.', (received) => {
      types.push(received.type);

      return Promise.resolve();
    });

    await bus.publish([event('SHP-2', 1)]);

    expect(types).toEqual([]);
  });
});

describe('createEvent', () => {
  it('builds a valid CloudEvents 1.0 envelope with correlation and sequence extensions', () => {
    const created = event('SHP-3', 7);

    expect(created.specversion).toBe('1.0');
    expect(created.subject).toBe('SHP-3');
    expect(created.correlationid).toBe('c-SHP-3');
    expect(created.sequence).toBe(7);
    expect(created.dataschema).toBe('urn:lanegate:event:shipment.departed_stop.v1');
  });

  it('rejects an event type without a version', () => {
    expect(() =>
      createEvent({
        type: 'lanegate.shipment.delivered' as 'lanegate.shipment.delivered.v1',
        subject: 'SHP-4',
        source: '/lanegate/test',
        data: {},
        correlationId: 'c',
      }),
    ).toThrow(/lanegate.<domain>.<fact>.v<version>/);
  });
});
