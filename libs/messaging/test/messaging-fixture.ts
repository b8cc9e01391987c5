import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DataSource, EntityManager } from 'typeorm';

import { layerDataSourceOptions, openLayerDataSource } from '@lanegate/persistence';
import { loadConfig } from '@lanegate/platform';

import {
  appendToOutbox,
  createEvent,
  DeadLetterEntity,
  type EventBus,
  InboxEventEntity,
  type LanegateEvent,
  MESSAGING_MIGRATIONS,
  OutboxEventEntity,
} from '../src/index.js';

/** A layer database with the messaging tables and one table of effects that tests can count. */
export async function openMessagingDatabase(databaseUrl?: string): Promise<{
  dataSource: DataSource;
  /** The SQLite folder (or the PostgreSQL schema) holding the tables. */
  location: string;
  dispose: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanegate-messaging-'));
  const schema = `messaging_${Math.random().toString(36).slice(2, 10)}`;
  const config = loadConfig('gateway', { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const options = layerDataSourceOptions(config, {
    layer: 'process',
    entities: [OutboxEventEntity, InboxEventEntity, DeadLetterEntity],
    migrations: MESSAGING_MIGRATIONS,
  });
  const dataSource = await openLayerDataSource(options.type === 'postgres' ? { ...options, schema } : options);
  const position = options.type === 'postgres' ? 'position bigserial PRIMARY KEY' : 'position INTEGER PRIMARY KEY';
  await dataSource.query(
    `CREATE TABLE ${effectsTable(dataSource)} (${position}, subject varchar(128) NOT NULL, sequence int NOT NULL, event_id varchar(128) NOT NULL)`,
  );

  return {
    dataSource,
    location: options.type === 'postgres' ? schema : dataDir,
    dispose: async () => {
      if (options.type === 'postgres') {
        await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      }
      await dataSource.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function effectsTable(dataSource: DataSource): string {
  const schema = dataSource.options.type === 'postgres' ? dataSource.options.schema : undefined;

  return schema ? `"${schema}".effects` : 'effects';
}

export function shipmentEvent(subject: string, sequence: number, data: Record<string, unknown> = {}): LanegateEvent {
  return createEvent({
    type: 'lanegate.shipment.departed_stop.v1',
    subject,
    source: '/lanegate/test',
    data: { stopSequence: sequence, ...data },
    correlationId: `order-${subject}`,
    sequence,
  });
}

/** Writes events through the outbox, each in its own transaction with a state change, like a service would. */
export async function appendEach(dataSource: DataSource, events: LanegateEvent[]): Promise<void> {
  for (const event of events) {
    await dataSource.transaction(async (manager) => {
      await appendToOutbox(manager, [event]);
    });
  }
}

/** The effect consumers apply in these tests: one row per event, in the consumer's transaction. */
export async function recordEffect(event: LanegateEvent, manager: EntityManager): Promise<void> {
  const placeholders = manager.connection.options.type === 'postgres' ? '$1, $2, $3' : '?, ?, ?';
  await manager.query(
    `INSERT INTO ${effectsTable(manager.connection)} (subject, sequence, event_id) VALUES (${placeholders})`,
    [event.subject, event.sequence, event.id],
  );
}

export async function effects(
  dataSource: DataSource,
): Promise<{ subject: string; sequence: number; eventId: string }[]> {
  const rows = await dataSource.query<{ subject: string; sequence: number | string; event_id: string }[]>(
    `SELECT subject, sequence, event_id FROM ${effectsTable(dataSource)} ORDER BY position`,
  );

  return rows.map((row) => ({ subject: row.subject, sequence: Number(row.sequence), eventId: row.event_id }));
}

export type BusFactory = () => EventBus;
