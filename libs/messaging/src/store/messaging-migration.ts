import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

import { instantColumnType } from '@lanegate/persistence';

/** Outbox (and event history), inbox and dead letters, in the database of the layer that uses them. */
export class CreateMessagingTables1764790200000 implements MigrationInterface {
  name = 'CreateMessagingTables1764790200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'outbox_events',
        columns: [
          {
            name: 'position',
            // SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
            type: queryRunner.connection.driver.options.type === 'postgres' ? 'bigint' : 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'event_id', type: 'varchar', length: '128', isUnique: true },
          { name: 'type', type: 'varchar', length: '160' },
          { name: 'subject', type: 'varchar', length: '128' },
          { name: 'partition', type: 'int' },
          { name: 'correlation_id', type: 'varchar', length: '128' },
          { name: 'envelope', type: 'text' },
          { name: 'occurred_at', type: instant },
          { name: 'published_at', type: instant, isNullable: true },
          { name: 'publish_attempts', type: 'int', default: 0 },
        ],
        indices: [
          { name: 'idx_outbox_pending', columnNames: ['published_at', 'position'] },
          { name: 'idx_outbox_subject', columnNames: ['subject', 'position'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'inbox_events',
        columns: [
          { name: 'consumer', type: 'varchar', length: '80', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'handled_at', type: instant },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'dead_letters',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'consumer', type: 'varchar', length: '80' },
          { name: 'event_id', type: 'varchar', length: '128' },
          { name: 'type', type: 'varchar', length: '160' },
          { name: 'subject', type: 'varchar', length: '128' },
          { name: 'envelope', type: 'text' },
          { name: 'reason', type: 'varchar', length: '120' },
          { name: 'error', type: 'text' },
          { name: 'attempts', type: 'int' },
          { name: 'first_failed_at', type: instant },
          { name: 'last_failed_at', type: instant },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'resolved_at', type: instant, isNullable: true },
          { name: 'resolved_by', type: 'varchar', length: '200', isNullable: true },
          { name: 'resolution_note', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'idx_dead_letters_status_failed', columnNames: ['status', 'first_failed_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('dead_letters');
    await queryRunner.dropTable('inbox_events');
    await queryRunner.dropTable('outbox_events');
  }
}

/**
 * When the bus took each handled event (the broker's stored time, or the in-process bus's publish), so the event
 * lag from publication to handling is known for every event a layer consumes, its own or another layer's. Empty
 * for rows written before, and for replays and re-drives, which are not deliveries. Indexed by handling time, the
 * order in which the lag reads them.
 */
export class AddInboxPublishedAt1764791100000 implements MigrationInterface {
  name = 'AddInboxPublishedAt1764791100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'inbox_events',
      new TableColumn({ name: 'published_at', type: instantColumnType(queryRunner), isNullable: true }),
    );
    // The lag reads the latest handlings of a window, newest first.
    await queryRunner.createIndex(
      'inbox_events',
      new TableIndex({ name: 'idx_inbox_events_handled', columnNames: ['handled_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('inbox_events', 'idx_inbox_events_handled');
    await queryRunner.dropColumn('inbox_events', 'published_at');
  }
}

export const MESSAGING_MIGRATIONS = [CreateMessagingTables1764790200000, AddInboxPublishedAt1764791100000];
