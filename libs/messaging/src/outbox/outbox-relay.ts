import { setTimeout as sleep } from 'node:timers/promises';

import { Logger } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';

import { runInTransaction } from '@lanegate/persistence';

import { parseEvent } from '../event-envelope.js';
import { eventMetrics } from '../event-metrics.js';
import type { EventBus } from '../event-bus.js';
import { OutboxEventEntity } from '../store/outbox-event.entity.js';

export interface OutboxRelayOptions {
  /** Name for logs and metrics, usually the layer. */
  name: string;
  dataSource: DataSource;
  bus: EventBus;
  batchSize?: number;
  pollIntervalMs?: number;
}

/** Stable key of the advisory-lock space of one relay's outbox. */
function lockSpace(name: string): number {
  let hash = 0;
  for (const char of `lanegate-outbox-${name}`) {
    hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  }

  return hash;
}

/**
 * Publishes outbox rows in batches and marks them sent. On PostgreSQL several relays share the work: each takes a
 * partition under a transaction-scoped advisory lock (so one partition's events leave in order) and its rows with
 * `FOR UPDATE SKIP LOCKED`. A crash between publish and mark only causes a repeat, which consumers' inboxes and
 * the broker's de-duplication absorb. While the bus is down, events wait in the outbox.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running?: Promise<void>;
  private stopped = false;
  private wake?: () => void;

  constructor(private readonly options: OutboxRelayOptions) {
    registerOutboxGauges(options.name, options.dataSource);
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /** Asks for a prompt publish, e.g. right after a transaction that appended events committed. */
  notify(): void {
    this.wake?.();
  }

  /** Publishes everything pending now; resolves with the number of events sent. */
  async drain(): Promise<number> {
    let total = 0;
    for (let sent = await this.publishOnce(); sent > 0; sent = await this.publishOnce()) {
      total += sent;
    }

    return total;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.drain();
      } catch (error) {
        this.logger.warn(
          { err: error, outbox: this.options.name },
          'outbox publish failed; events wait and are retried',
        );
      }
      if (sent === 0 && !this.stopped) {
        await Promise.race([
          sleep(this.options.pollIntervalMs ?? 250),
          new Promise<void>((resolve) => (this.wake = resolve)),
        ]);
      }
    }
  }

  private async publishOnce(): Promise<number> {
    const { dataSource } = this.options;
    if (dataSource.options.type !== 'postgres') {
      // One process owns a SQLite file: no locks to take, and no transaction may stay open while in-process
      // consumers (which may write to this same file) handle what is being published.
      return this.publishRows(dataSource.manager, undefined);
    }

    const partitions = await dataSource
      .getRepository(OutboxEventEntity)
      .createQueryBuilder('outbox')
      .select('DISTINCT outbox.partition', 'partition')
      .where('outbox.published_at IS NULL')
      .getRawMany<{ partition: number }>();
    let sent = 0;
    for (const { partition } of partitions) {
      sent += await dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock($1, $2) AS locked',
          [lockSpace(this.options.name), partition],
        );

        return locked ? this.publishRows(manager, partition) : 0;
      });
    }

    return sent;
  }

  private async publishRows(manager: EntityManager, partition: number | undefined): Promise<number> {
    const query = manager
      .getRepository(OutboxEventEntity)
      .createQueryBuilder('outbox')
      .where({ publishedAt: IsNull(), ...(partition === undefined ? {} : { partition }) })
      .orderBy('outbox.position', 'ASC')
      .limit(this.options.batchSize ?? 200);
    const rows = await (
      manager.connection.options.type === 'postgres'
        ? query.setLock('pessimistic_write').setOnLocked('skip_locked')
        : query
    ).getMany();
    if (rows.length === 0) {
      return 0;
    }

    const positions = rows.map((row) => row.position);
    try {
      await this.options.bus.publish(rows.map((row) => parseEvent(row.envelope)));
    } catch (error) {
      await this.write(manager, (writer) =>
        writer.increment(OutboxEventEntity, { position: In(positions) }, 'publishAttempts', 1),
      );
      throw error;
    }
    await this.write(manager, (writer) =>
      writer.update(OutboxEventEntity, { position: In(positions) }, { publishedAt: new Date() }),
    );
    for (const row of rows) {
      eventMetrics().published.inc({ type: row.type });
    }

    return rows.length;
  }

  /** Inside the PostgreSQL transaction that holds the rows, or as its own serialised unit on SQLite. */
  private write(manager: EntityManager, work: (writer: EntityManager) => Promise<unknown>): Promise<unknown> {
    return manager.queryRunner?.isTransactionActive ? work(manager) : runInTransaction(manager.connection, work);
  }
}

const gaugedOutboxes = new Map<string, DataSource>();

/** Outbox backlog and the age of its oldest unpublished event, read at scrape time. */
function registerOutboxGauges(name: string, dataSource: DataSource): void {
  gaugedOutboxes.set(name, dataSource);
  if (register.getSingleMetric('lanegate_outbox_backlog')) {
    return;
  }
  const oldest = new Gauge({
    name: 'lanegate_outbox_oldest_age_seconds',
    help: 'Age of the oldest event waiting in the outbox.',
    labelNames: ['outbox'],
  });
  new Gauge({
    name: 'lanegate_outbox_backlog',
    help: 'Events waiting in the outbox to be published.',
    labelNames: ['outbox'],
    async collect() {
      for (const [outbox, source] of gaugedOutboxes) {
        if (!source.isInitialized) {
          continue;
        }
        const row = await source
          .getRepository(OutboxEventEntity)
          .createQueryBuilder('outbox')
          .select('COUNT(*)', 'count')
          .addSelect('MIN(outbox.occurred_at)', 'oldest')
          .where('outbox.published_at IS NULL')
          .getRawOne<{ count: string | number; oldest: string | Date | null }>();
        this.set({ outbox }, Number(row?.count ?? 0));
        oldest.set({ outbox }, row?.oldest ? (Date.now() - new Date(row.oldest).getTime()) / 1000 : 0);
      }
    },
  });
}
