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

/**
 * Work of an event that cannot run inside a database transaction, such as calls to another layer: SQLite admits one
 * writer, so a transaction held open across a network call would stall every other consumer of the layer. It runs
 * before the transaction and returns what to commit in it. It may run more than once for one event (after a crash,
 * or when the commit fails), so what it does outside the database must be idempotent.
 */
export type EventPreparation = (event: LanegateEvent) => Promise<(manager: EntityManager) => Promise<void>>;

interface ConsumerBase {
  /** Consumer group name, stable across releases: it names the inbox rows and the broker's durable consumers. */
  name: string;
  /** Event type prefixes the consumer takes, e.g. `lanegate.dispatch.`. */
  types: string[];
  retry?: Partial<RetryPolicy>;
  /** Runs in the transaction that stores the dead letter, e.g. to show the failure on the shipment. */
  onDeadLettered?: (event: LanegateEvent, manager: EntityManager, reason: string) => Promise<void>;
  /** Where old event versions are upcast from; Lanegate's own catalog unless a test brings its own. */
  catalog?: EventCatalog;
}

/** A consumer takes effect inside its transaction, or prepares outside it what the transaction then commits. */
export type ConsumerDefinition = ConsumerBase &
  ({ effect: EventEffect; prepare?: never } | { prepare: EventPreparation; effect?: never });

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
    handle: async (event, _attempt, delivery) => {
      const timer = metrics.handlerSeconds.startTimer({ consumer: definition.name });
      const inboxHas = (manager: EntityManager): Promise<boolean> =>
        manager.getRepository(InboxEventEntity).existsBy({ consumer: definition.name, eventId: event.id });
      try {
        const current = currentVersionOf(event, definition.catalog ?? EVENT_CATALOG);
        // A repeat of a prepared event is known before its outside work runs again.
        let commit: ((manager: EntityManager) => Promise<void>) | undefined;
        if (definition.prepare === undefined) {
          const { effect } = definition;
          commit = (manager) => effect(current, manager);
        } else if (!(await inboxHas(dataSource.manager))) {
          commit = await definition.prepare(current);
        }
        const applied = await runInTransaction(dataSource, async (manager) => {
          if (commit === undefined || (await inboxHas(manager))) {
            return false;
          }
          await manager.getRepository(InboxEventEntity).insert({
            consumer: definition.name,
            eventId: event.id,
            handledAt: new Date(),
            publishedAt: delivery?.publishedAt ?? null,
          });
          await commit(manager);

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
      await runInTransaction(dataSource, async (manager) => {
        // A crash between storing the letter and settling the message brings the event back once more: the open
        // letter is brought up to date rather than joined by a second one.
        const open = await manager.findOneBy(DeadLetterEntity, {
          consumer: definition.name,
          eventId: event.id,
          status: 'open',
        });
        if (open) {
          await manager.update(
            DeadLetterEntity,
            { id: open.id },
            { reason, error: message, attempts: Math.max(attempts, open.attempts + 1), lastFailedAt: now },
          );

          return;
        }
        await manager.insert(DeadLetterEntity, {
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
        });
        await definition.onDeadLettered?.(event, manager, reason);
      });
      metrics.handled.inc({ consumer: definition.name, outcome: 'dead_lettered' });
      logger.error(
        { eventId: event.id, type: event.type, shipmentId: event.subject, attempts, reason },
        'event moved to the dead-letter store after its last attempt; an operator can replay or discard it',
      );
    },
  };
}
