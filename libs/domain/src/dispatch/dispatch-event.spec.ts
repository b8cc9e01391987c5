import { describe, expect, it } from 'vitest';

import {
  DISPATCH_EVENT_KINDS,
  type DispatchEventHeader,
  compareDispatchEvents,
  isDispatchEventKind,
} from './dispatch-event.js';

function header(eventId: string, occurredAt: string, sequence?: number): DispatchEventHeader {
  return {
    eventId,
    shipmentId: 'shp_1',
    occurredAt,
    source: 'acme-tms',
    ...(sequence === undefined ? {} : { sequence }),
  };
}

function idsInOrder(events: readonly DispatchEventHeader[]): string[] {
  return [...events].sort(compareDispatchEvents).map((event) => event.eventId);
}

describe('dispatch event', () => {
  it('lists the thirteen canonical kinds', () => {
    expect(DISPATCH_EVENT_KINDS).toEqual([
      'assigned',
      'reassigned',
      'departed_origin',
      'arrived_stop',
      'departed_stop',
      'delivered',
      'pod_captured',
      'exception_raised',
      'exception_cleared',
      'cancelled',
      'accessorial_submitted',
      'accessorial_approved',
      'accessorial_rejected',
    ]);
  });

  it('recognises canonical kinds and refuses X12 status codes', () => {
    expect(isDispatchEventKind('pod_captured')).toBe(true);
    expect(isDispatchEventKind('D1')).toBe(false);
  });

  describe(compareDispatchEvents.name, () => {
    it('orders by sequence when both events have one, even against their times', () => {
      const late = header('evt_a', '2024-03-06T08:00:00Z', 2);
      const early = header('evt_b', '2024-03-06T09:00:00Z', 1);

      expect(idsInOrder([late, early])).toEqual(['evt_b', 'evt_a']);
    });

    it('orders by time when either event lacks a sequence', () => {
      const withSequence = header('evt_a', '2024-03-06T09:00:00Z', 1);
      const without = header('evt_b', '2024-03-06T08:00:00Z');

      expect(idsInOrder([withSequence, without])).toEqual(['evt_b', 'evt_a']);
    });

    it('orders by time when both sequences are equal', () => {
      expect(
        idsInOrder([header('evt_a', '2024-03-06T09:00:00Z', 4), header('evt_b', '2024-03-06T08:00:00Z', 4)]),
      ).toEqual(['evt_b', 'evt_a']);
    });

    it('compares times as instants, not as text', () => {
      // As text, '09:50:30Z' sorts before '09:50Z' because ':' precedes 'Z'.
      const short = header('evt_b', '2024-03-06T09:50Z');
      const later = header('evt_a', '2024-03-06T09:50:30Z');

      expect(idsInOrder([later, short])).toEqual(['evt_b', 'evt_a']);
    });

    it('treats two spellings of one instant as the same time and falls back to the event id', () => {
      const precise = header('evt_z', '2024-03-06T09:50:00.000Z');
      const short = header('evt_y', '2024-03-06T09:50Z');

      expect(idsInOrder([precise, short])).toEqual(['evt_y', 'evt_z']);
    });

    it('breaks a tie of time by event id so that every replica sorts alike', () => {
      const a = header('evt_a', '2024-03-06T09:50:00Z');
      const b = header('evt_b', '2024-03-06T09:50:00Z');

      expect(compareDispatchEvents(a, b)).toBeLessThan(0);
      expect(compareDispatchEvents(b, a)).toBeGreaterThan(0);
      expect(compareDispatchEvents(a, { ...a })).toBe(0);
    });

    it('replays a shuffled day of events in the order they happened', () => {
      const day = [
        header('evt_delivered', '2024-03-06T18:02:00Z', 5),
        header('evt_assigned', '2024-03-06T06:00:00Z', 1),
        header('evt_departed', '2024-03-06T11:30:00Z', 3),
        header('evt_arrived_2', '2024-03-06T17:10:00Z', 4),
        header('evt_arrived_1', '2024-03-06T09:50:00Z', 2),
      ];

      expect(idsInOrder(day)).toEqual([
        'evt_assigned',
        'evt_arrived_1',
        'evt_departed',
        'evt_arrived_2',
        'evt_delivered',
      ]);
    });
  });
});
