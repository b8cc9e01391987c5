import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';

import {
  createEvent,
  dispatchEventType,
  EVENT_CATALOG,
  type LayerMessaging,
  layerMessagingToken,
  OutboxEventEntity,
} from '@lanegate/messaging';
import { runInTransaction } from '@lanegate/persistence';
import { currentCorrelation, type FieldViolation, RequestValidationError } from '@lanegate/platform';

import { ShipmentTimeline } from '../projection/index.js';
import type { DispatchEventDto, DispatchEventsAcceptedView } from './dispatch-event.dto.js';

export interface AcceptOptions {
  /** Prefix of field names in validation problems, e.g. `events.` for a batch. */
  fieldPrefix?: string;
  /** More work for the same transaction, e.g. the audit entry of an operator's decision. */
  within?: (manager: EntityManager) => Promise<void>;
}

/**
 * Takes canonical dispatch events in: each is validated against the event catalog and stored in the process
 * layer's outbox (durably, before the caller hears 202); the dispatch consumer then applies them in the shipment's
 * own order. The outbox's unique event id makes a repeat a no-op; the shipment's timeline shows it as a duplicate.
 */
@Injectable()
export class DispatchEventsService {
  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
  ) {}

  async accept(events: DispatchEventDto[], options: AcceptOptions = {}): Promise<DispatchEventsAcceptedView> {
    const fieldPrefix = options.fieldPrefix ?? '';
    const correlationId = currentCorrelation()?.correlationId ?? null;
    const unique = [...new Map(events.map((event) => [event.eventId, event])).values()];
    const cloudEvents = unique.map((event) =>
      createEvent({
        id: event.eventId,
        type: dispatchEventType(event.kind),
        subject: event.shipmentId,
        source: '/lanegate/process-api',
        correlationId: correlationId ?? event.eventId,
        ...(event.sequence === undefined ? {} : { sequence: event.sequence }),
        data: {
          ...event.data,
          occurredAt: new Date(event.occurredAt).toISOString(),
          source: event.source,
          ...(event.vendorEventId ? { vendorEventId: event.vendorEventId } : {}),
        },
      }),
    );
    const violations: FieldViolation[] = cloudEvents.flatMap((event, index) =>
      EVENT_CATALOG.violationsOf(event.type, event.data).map((violation) => ({
        field: `${fieldPrefix}${events.indexOf(unique[index])}.${violation.field}`,
        messages: violation.messages,
      })),
    );
    if (violations.length > 0) {
      throw new RequestValidationError(violations);
    }

    const accepted = await runInTransaction(this.dataSource, async (manager) => {
      const known = await manager.findBy(OutboxEventEntity, { eventId: In(cloudEvents.map((event) => event.id)) });
      const seen = new Set(known.map((row) => row.eventId));
      const fresh = cloudEvents.filter((event) => !seen.has(event.id));
      await this.messaging.append(manager, fresh);
      await this.recordDuplicates(manager, events, new Set(fresh.map((event) => event.id)), correlationId);
      await options.within?.(manager);

      return fresh;
    });
    this.messaging.published();

    return {
      accepted: accepted.length,
      duplicates: events.length - accepted.length,
      acceptedEventIds: accepted.map((event) => event.id),
    };
  }

  /** Every event not stored now (sent before, or twice in this request) shows on its shipment's timeline. */
  private async recordDuplicates(
    manager: EntityManager,
    events: DispatchEventDto[],
    stored: Set<string>,
    correlationId: string | null,
  ): Promise<void> {
    const firstCopies = new Set<string>();
    for (const event of events) {
      if (stored.has(event.eventId) && !firstCopies.has(event.eventId)) {
        firstCopies.add(event.eventId);
        continue;
      }

      await this.timeline.record(manager, {
        shipmentId: event.shipmentId,
        kind: 'dispatch_event.received',
        summary: `${event.kind} from ${event.source}: duplicate, already received`,
        details: {
          eventId: event.eventId,
          kind: event.kind,
          sequence: event.sequence ?? null,
          occurredAt: new Date(event.occurredAt).toISOString(),
          decision: { outcome: 'duplicate', reason: 'an event with this id was already received' },
        },
        correlationId,
        source: event.source,
      });
    }
  }
}
