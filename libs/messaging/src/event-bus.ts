import type { LanegateEvent } from './event-envelope.js';

export type EventHandler = (event: LanegateEvent) => Promise<void>;

/** The one port every layer publishes and consumes through, whatever the transport. */
export interface EventBus {
  publish(events: LanegateEvent[]): Promise<void>;
  /** Registers a handler for every event whose type starts with `typePrefix`. */
  subscribe(consumer: string, typePrefix: string, handler: EventHandler): void;
}

export const EVENT_BUS = Symbol('EVENT_BUS');
