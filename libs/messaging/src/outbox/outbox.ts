import type { EntityManager } from 'typeorm';

import type { LanegateEvent } from '../event-envelope.js';
import { partitionOf } from '../partitioning.js';
import { OutboxEventEntity } from '../store/outbox-event.entity.js';

/** Wakes the relay of this process once a transaction that appended events has committed. */
export type OutboxWakeUp = () => void;

/**
 * Appends events to the outbox inside the caller's transaction, so the state change and its events commit
 * together or not at all. Call {@link OutboxWakeUp} after the commit for a prompt publish; the relay's polling
 * publishes them anyway.
 */
export async function appendToOutbox(manager: EntityManager, events: LanegateEvent[]): Promise<void> {
  if (events.length === 0) {
    return;
  }
  await manager.getRepository(OutboxEventEntity).insert(
    events.map((event) => ({
      eventId: event.id,
      type: event.type,
      subject: event.subject ?? event.id,
      partition: partitionOf(event.subject ?? event.id),
      correlationId: event.correlationid,
      envelope: JSON.stringify(event.toJSON()),
      occurredAt: new Date(event.time ?? Date.now()),
      publishedAt: null,
      publishAttempts: 0,
    })),
  );
}
