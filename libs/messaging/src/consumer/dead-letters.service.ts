import { Gauge, register } from 'prom-client';
import { type DataSource, type EntityManager, type FindOptionsWhere, In, LessThan } from 'typeorm';

import { rawInstant, runInTransaction } from '@lanegate/persistence';
import { ApplicationError, ResourceNotFoundError } from '@lanegate/platform';

import { parseEvent } from '../event-envelope.js';
import { DeadLetterEntity, type DeadLetterStatus } from '../store/dead-letter.entity.js';
import { InboxEventEntity } from '../store/inbox-event.entity.js';
import { consumerSubscription, type ConsumerDefinition } from './consumer-runner.js';

export interface DeadLetterFilter {
  status?: DeadLetterStatus;
  type?: string;
  reason?: string;
  consumer?: string;
  /** Only letters whose first failure is older than this instant. */
  failedBefore?: Date;
  page?: number;
  pageSize?: number;
}

export type ReplayOutcome = 'applied' | 'already_applied' | 'failed';

/** Who did what to which dead letter; the service writes it to the layer's audit log with the change. */
export interface DeadLetterAuditEntry {
  actor: string;
  action: 'dead_letter.replayed' | 'dead_letter.replay_failed' | 'dead_letter.discarded';
  targetType: 'dead_letter';
  targetId: string;
  details: Record<string, unknown>;
}

export type DeadLetterAudit = (entry: DeadLetterAuditEntry, manager: EntityManager) => Promise<void>;

export class DeadLetterResolvedError extends ApplicationError {
  constructor(id: string, status: DeadLetterStatus) {
    super({
      code: 'DEAD_LETTER_ALREADY_RESOLVED',
      status: 409,
      title: 'Dead letter already resolved',
      detail: `Dead letter ${id} is ${status}; only open dead letters can be replayed or discarded.`,
    });
  }
}

/**
 * What operators do with events a consumer gave up on: list them, look at one, replay it through the consumer
 * that failed (once the cause is fixed), or discard it with a reason. Every action is audited.
 */
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: (name: string) => ConsumerDefinition | undefined,
    private readonly audit: DeadLetterAudit,
  ) {
    registerDeadLetterGauges(dataSource);
  }

  async list(filter: DeadLetterFilter): Promise<{ items: DeadLetterEntity[]; total: number }> {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 25;
    const where: FindOptionsWhere<DeadLetterEntity> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.reason ? { reason: filter.reason } : {}),
      ...(filter.consumer ? { consumer: filter.consumer } : {}),
      ...(filter.failedBefore ? { firstFailedAt: LessThan(filter.failedBefore) } : {}),
    };
    const [items, total] = await this.dataSource.getRepository(DeadLetterEntity).findAndCount({
      where,
      order: { firstFailedAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

    return { items, total };
  }

  async get(id: string): Promise<DeadLetterEntity> {
    const letter = await this.dataSource.getRepository(DeadLetterEntity).findOneBy({ id });
    if (!letter) {
      throw new ResourceNotFoundError('dead letter', id);
    }

    return letter;
  }

  /** Runs the event through the consumer that gave up on it. Its inbox makes a second replay harmless. */
  async replay(
    id: string,
    actor: string,
  ): Promise<{ letter: DeadLetterEntity; outcome: ReplayOutcome; error?: string }> {
    const letter = await this.openLetter(id);
    const definition = this.consumers(letter.consumer);
    if (!definition) {
      throw new ApplicationError({
        code: 'CONSUMER_NOT_HOSTED',
        status: 422,
        title: 'Consumer not hosted here',
        detail: `Consumer ${letter.consumer} is not registered in this layer, so its dead letters cannot be replayed here.`,
      });
    }

    const event = parseEvent(letter.envelope);
    const alreadyApplied = await this.dataSource
      .getRepository(InboxEventEntity)
      .existsBy({ consumer: letter.consumer, eventId: event.id });
    try {
      await consumerSubscription(this.dataSource, definition).handle(event, letter.attempts + 1);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await runInTransaction(this.dataSource, async (manager) => {
        await manager.update(
          DeadLetterEntity,
          { id },
          { attempts: letter.attempts + 1, lastFailedAt: new Date(), error: message },
        );
        await this.audit(
          {
            actor,
            action: 'dead_letter.replay_failed',
            targetType: 'dead_letter',
            targetId: id,
            details: { eventId: event.id, error: message },
          },
          manager,
        );
      });

      return { letter: await this.get(id), outcome: 'failed', error: message };
    }

    const outcome: ReplayOutcome = alreadyApplied ? 'already_applied' : 'applied';
    await this.resolve(letter, 'replayed', actor, `replay ${outcome}`, 'dead_letter.replayed', {
      eventId: event.id,
      outcome,
    });

    return { letter: await this.get(id), outcome };
  }

  async discard(id: string, actor: string, reason: string): Promise<DeadLetterEntity> {
    const letter = await this.openLetter(id);
    await this.resolve(letter, 'discarded', actor, reason, 'dead_letter.discarded', {
      eventId: letter.eventId,
      reason,
    });

    return this.get(id);
  }

  /** Ids among `ids` that exist, so a bulk replay can report unknown ones instead of failing whole. */
  async existing(ids: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.getRepository(DeadLetterEntity).findBy({ id: In(ids) });

    return new Set(rows.map((row) => row.id));
  }

  private async openLetter(id: string): Promise<DeadLetterEntity> {
    const letter = await this.get(id);
    if (letter.status !== 'open') {
      throw new DeadLetterResolvedError(id, letter.status);
    }

    return letter;
  }

  private async resolve(
    letter: DeadLetterEntity,
    status: DeadLetterStatus,
    actor: string,
    note: string,
    action: DeadLetterAuditEntry['action'],
    details: Record<string, unknown>,
  ): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const changed = await manager.update(
        DeadLetterEntity,
        { id: letter.id, status: 'open' },
        { status, resolvedAt: new Date(), resolvedBy: actor, resolutionNote: note },
      );
      if (!changed.affected) {
        throw new DeadLetterResolvedError(letter.id, status);
      }
      await this.audit({ actor, action, targetType: 'dead_letter', targetId: letter.id, details }, manager);
    });
  }
}

const gaugedStores = new Set<DataSource>();

/** Dead-letter depth and the age of the oldest open one, per consumer, read at scrape time. */
function registerDeadLetterGauges(dataSource: DataSource): void {
  gaugedStores.add(dataSource);
  if (register.getSingleMetric('lanegate_dead_letters_open')) {
    return;
  }
  const oldest = new Gauge({
    name: 'lanegate_dead_letters_oldest_age_seconds',
    help: 'Age of the oldest open dead letter, per consumer.',
    labelNames: ['consumer'],
  });
  new Gauge({
    name: 'lanegate_dead_letters_open',
    help: 'Open dead letters waiting for an operator, per consumer.',
    labelNames: ['consumer'],
    async collect() {
      this.reset();
      oldest.reset();
      for (const source of gaugedStores) {
        if (!source.isInitialized) {
          continue;
        }
        for (const depth of await openDeadLetterDepth(source)) {
          this.set({ consumer: depth.consumer }, depth.open);
          oldest.set({ consumer: depth.consumer }, (Date.now() - depth.oldestFailedAt.getTime()) / 1000);
        }
      }
    },
  });
}

/** Open dead letters per consumer, with when the oldest of them first failed. */
export async function openDeadLetterDepth(
  dataSource: DataSource,
): Promise<{ consumer: string; open: number; oldestFailedAt: Date }[]> {
  const rows = await dataSource
    .getRepository(DeadLetterEntity)
    .createQueryBuilder('letter')
    .select('letter.consumer', 'consumer')
    .addSelect('COUNT(*)', 'count')
    .addSelect('MIN(letter.first_failed_at)', 'oldest')
    .where('letter.status = :status', { status: 'open' })
    .groupBy('letter.consumer')
    .getRawMany<{ consumer: string; count: string | number; oldest: unknown }>();

  return rows.map((row) => ({
    consumer: row.consumer,
    open: Number(row.count),
    oldestFailedAt: rawInstant(row.oldest) ?? new Date(),
  }));
}
