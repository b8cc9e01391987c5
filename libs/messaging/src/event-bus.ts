import type { LanegateEvent } from './event-envelope.js';

/** How often, and how patiently, a consumer retries an event before it becomes a dead letter. */
export interface RetryPolicy {
  maxAttempts: number;
  /** Delay before attempt `attempt + 1`, after attempt `attempt` (from 1) failed. */
  backoffMs: (attempt: number) => number;
}

/** What the bus knows of one delivery besides the event. */
export interface EventDelivery {
  /** When the bus took the event: the broker's stored time, or the in-process publish. */
  publishedAt: Date;
}

/** A consumer group: every replica subscribing with the same `consumer` name shares its work. */
export interface EventSubscription {
  consumer: string;
  /** Whether the consumer takes events of this type; others are acknowledged without effect. */
  accepts: (type: string) => boolean;
  /** Takes effect of one event; throwing asks for another attempt. */
  handle: (event: LanegateEvent, attempt: number, delivery?: EventDelivery) => Promise<void>;
  /** Called once when the last attempt failed, before the event is acknowledged for good. */
  exhausted: (event: LanegateEvent, error: unknown, attempts: number) => Promise<void>;
  retry: RetryPolicy;
}

/**
 * The one port every layer publishes and consumes through. Delivery is at least once; a subject's events reach
 * a consumer one at a time, in publish order.
 */
export interface EventBus {
  publish(events: LanegateEvent[]): Promise<void>;
  subscribe(subscription: EventSubscription): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_BUS = Symbol('EVENT_BUS');

/** Exponential backoff with full jitter, capped. */
export function exponentialBackoff(baseMs: number, capMs: number): (attempt: number) => number {
  return (attempt) => Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
}
