import { describe, expect, it } from 'vitest';

import { createEvent, parseEvent } from './event-envelope.js';

describe('createEvent', () => {
  const delivered = () =>
    createEvent({
      type: 'lanegate.shipment.delivered.v1',
      subject: 'SHP-3',
      source: '/lanegate/process-api',
      data: { deliveredAt: '2026-12-08T13:00:00Z' },
      correlationId: 'order-7781',
      sequence: 7,
    });

  it('builds a valid CloudEvents 1.0 envelope with correlation and sequence extensions', () => {
    const created = delivered();

    expect(created.specversion).toBe('1.0');
    expect(created.subject).toBe('SHP-3');
    expect(created.correlationid).toBe('order-7781');
    expect(created.sequence).toBe(7);
    expect(created.dataschema).toBe('urn:lanegate:event:shipment.delivered.v1');
  });

  it('survives a round trip through JSON with its extensions', () => {
    const created = delivered();
    const parsed = parseEvent(JSON.stringify(created));

    expect(parsed.id).toBe(created.id);
    expect(parsed.correlationid).toBe('order-7781');
    expect(parsed.sequence).toBe(7);
    expect(parsed.data).toEqual({ deliveredAt: '2026-12-08T13:00:00Z' });
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
