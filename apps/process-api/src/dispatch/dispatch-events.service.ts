import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';

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

import type { DispatchEventDto, DispatchEventsAcceptedView } from './dispatch-event.dto.js';

/**
 * Takes canonical dispatch events in: each is validated against the event catalog and stored in the process
 * layer's outbox (durably, before the caller hears 202); the dispatch consumer then applies them in the shipment's
 * own order. The outbox's unique event id makes a repeat a no-op.
 */
@Injectable()
export class DispatchEventsService {
  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
  ) {}

  async accept(events: DispatchEventDto[], fieldPrefix: string): Promise<DispatchEventsAcceptedView> {
    const unique = [...new Map(events.map((event) => [event.eventId, event])).values()];
    const cloudEvents = unique.map((event) =>
      createEvent({
        id: event.eventId,
        type: dispatchEventType(event.kind),
        subject: event.shipmentId,
        source: '/lanegate/process-api',
        correlationId: currentCorrelation()?.correlationId ?? event.eventId,
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

      return fresh;
    });
    this.messaging.published();

    return {
      accepted: accepted.length,
      duplicates: events.length - accepted.length,
      acceptedEventIds: accepted.map((event) => event.id),
    };
  }
}
