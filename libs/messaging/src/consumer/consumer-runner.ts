import { randomUUID } from 'node:crypto';

import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

import { runInTransaction } from '@lanegate/persistence';

import type { EventCatalog } from '../catalog/event-catalog.js';
import { EventCatalogError } from '../catalog/event-catalog.error.js';
import { EVENT_CATALOG } from '../catalog/lanegate-event-catalog.js';
import type { LanegateEvent } from '../event-envelope.js';
import { type EventSubscription, exponentialBackoff, type RetryPolicy } from '../event-bus.js';
import { eventMetrics } from '../event-metrics.js';
import { DeadLetterEntity } from '../store/dead-letter.entity.js';
import { InboxEventEntity } from '../store/inbox-event.entity.js';

/** Takes effect of one event inside the consumer's transaction; throwing rolls the effect back. */
export type EventEffect = (event: LanegateEvent, manager: EntityManager) => Promise<void>;

export interface ConsumerDefinition {
  /** Consumer group name, stable across releases: it names the inbox rows and the broker's durable consumers. */
  name: string;
  /** Event type prefixes the consumer takes, e.g. `lanegate.dispatch.`. */
  types: string[];
  effect: EventEffect;
  retry?: Partial<RetryPolicy>;
  /** Where old event versions are upcast from; Lanegate's own catalog unless a test brings its own. */
  catalog?: EventCatalog;
}

/**
 * The event in its current version: old versions of registered types are upcast, so consumers only ever see the
 * current shape. Types the catalog does not know pass unchanged; a broken upcast chain fails the attempt.
 */
function currentVersionOf(event: LanegateEvent, catalog: EventCatalog): LanegateEvent {
  try {
    return catalog.upcast(event);
  } catch (error) {
    if (error instanceof EventCatalogError && error.code === 'EVENT_TYPE_UNKNOWN') {
      return event;
    }
    throw error;
  }
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, backoffMs: exponentialBackoff(200, 10_000) };

function errorText(error: unknown): { reason: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;

    return { reason: typeof code === 'string' ? code : error.name, message: `${error.message}\n${error.stack ?? ''}` };
  }

  return { reason: 'non_error_thrown', message: String(error) };
}

/**
 * Turns a consumer definition into a bus subscription with effectively-once effects: the event id is recorded
 * in the inbox in the same transaction as the effect, so a repeat is acknowledged without effect. After the last
 * attempt the event becomes a dead letter in the same database.
 */
export function consumerSubscription(dataSource: DataSource, definition: ConsumerDefinition): EventSubscription {
  const logger = new Logger(`consumer:${definition.name}`);
  const metrics = eventMetrics();

  return {
    consumer: definition.name,
    accepts: (type) => definition.types.some((prefix) => type.startsWith(prefix)),
    retry: { ...DEFAULT_RETRY, ...definition.retry },
    handle: async (event) => {
      const timer = metrics.handlerSeconds.startTimer({ consumer: definition.name });
      try {
        const applied = await runInTransaction(dataSource, async (manager) => {
          const inbox = manager.getRepository(InboxEventEntity);
          if (await inbox.existsBy({ consumer: definition.name, eventId: event.id })) {
            return false;
          }
          await inbox.insert({ consumer: definition.name, eventId: event.id, handledAt: new Date() });
          await definition.effect(currentVersionOf(event, definition.catalog ?? EVENT_CATALOG), manager);

          return true;
        });
        metrics.handled.inc({ consumer: definition.name, outcome: applied ? 'applied' : 'duplicate' });
      } catch (error) {
        metrics.handled.inc({ consumer: definition.name, outcome: 'failed' });
        logger.warn({ err: error, eventId: event.id, type: event.type, shipmentId: event.subject }, 'event failed');
        throw error;
      } finally {
        timer();
      }
    },
    exhausted: async (event, error, attempts) => {
      const { reason, message } = errorText(error);
      const now = new Date();
      await runInTransaction(dataSource, (manager) =>
        manager.insert(DeadLetterEntity, {
          id: randomUUID(),
          consumer: definition.name,
          eventId: event.id,
          type: event.type,
          subject: event.subject ?? event.id,
          envelope: JSON.stringify(event),
          reason,
          error: message,
          attempts,
          firstFailedAt: now,
          lastFailedAt: now,
          status: 'open',
          resolvedAt: null,
          resolvedBy: null,
          resolutionNote: null,
        }),
      );
      metrics.handled.inc({ consumer: definition.name, outcome: 'dead_lettered' });
      logger.error(
        { eventId: event.id, type: event.type, shipmentId: event.subject, attempts, reason },
        'event moved to the dead-letter store after its last attempt; an operator can replay or discard it',
      );
    },
  };
}
