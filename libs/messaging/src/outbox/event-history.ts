import { type DataSource, In } from 'typeorm';

import { runInTransaction } from '@lanegate/persistence';

import { consumerSubscription, type ConsumerDefinition } from '../consumer/consumer-runner.js';
import { type LanegateEvent, parseEvent } from '../event-envelope.js';
import { InboxEventEntity } from '../store/inbox-event.entity.js';
import { OutboxEventEntity } from '../store/outbox-event.entity.js';

export interface EventHistoryFilter {
  subject?: string;
  /** Exact type, or a prefix ending in a dot (`lanegate.dispatch.`). */
  type?: string;
  from?: Date;
  to?: Date;
  limit?: number;
}

export interface HistoricEvent {
  position: string;
  event: LanegateEvent;
  publishedAt: Date | null;
}

/**
 * Every event a layer published, in the order it was written: the outbox rows, which are never deleted. It can
 * list a shipment's events and re-drive a consumer over a selection of them, to rebuild what it derived.
 */
export class EventHistory {
  constructor(private readonly dataSource: DataSource) {}

  async find(filter: EventHistoryFilter): Promise<HistoricEvent[]> {
    const query = this.dataSource
      .getRepository(OutboxEventEntity)
      .createQueryBuilder('outbox')
      .orderBy('outbox.position', 'ASC')
      .limit(filter.limit ?? 1000);
    if (filter.subject) {
      query.andWhere('outbox.subject = :subject', { subject: filter.subject });
    }
    if (filter.type) {
      query.andWhere(filter.type.endsWith('.') ? 'outbox.type LIKE :type' : 'outbox.type = :type', {
        type: filter.type.endsWith('.') ? `${filter.type}%` : filter.type,
      });
    }
    if (filter.from) {
      query.andWhere('outbox.occurred_at >= :from', { from: filter.from });
    }
    if (filter.to) {
      query.andWhere('outbox.occurred_at < :to', { to: filter.to });
    }
    const rows = await query.getMany();

    return rows.map((row) => ({
      position: row.position,
      event: parseEvent(row.envelope),
      publishedAt: row.publishedAt,
    }));
  }

  /**
   * Forgets that `consumer` handled the selected events and runs them through it again, in history order. The
   * consumer's effects must be rebuildable from its events (a projection), or be reset by the caller first.
   */
  async redrive(
    consumer: ConsumerDefinition,
    filter: EventHistoryFilter,
  ): Promise<{ redriven: number; failed: string[] }> {
    const events = (await this.find(filter)).filter(({ event }) =>
      consumer.types.some((prefix) => event.type.startsWith(prefix)),
    );
    const ids = events.map(({ event }) => event.id);
    for (let start = 0; start < ids.length; start += 500) {
      const batch = ids.slice(start, start + 500);
      await runInTransaction(this.dataSource, (manager) =>
        manager.delete(InboxEventEntity, { consumer: consumer.name, eventId: In(batch) }),
      );
    }

    const subscription = consumerSubscription(this.dataSource, consumer);
    const failed: string[] = [];
    for (const { event } of events) {
      try {
        await subscription.handle(event, 1);
      } catch {
        failed.push(event.id);
      }
    }

    return { redriven: events.length - failed.length, failed };
  }
}
