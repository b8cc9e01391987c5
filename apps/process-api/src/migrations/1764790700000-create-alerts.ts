import { instantColumnType } from '@lanegate/persistence';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Alerts, at most one open per policy and subject, and the webhook notifications of their changes. */
export class CreateAlerts1764790700000 implements MigrationInterface {
  name = 'CreateAlerts1764790700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'alerts',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'policy', type: 'varchar', length: '32' },
          { name: 'subject_key', type: 'varchar', length: '128' },
          { name: 'severity', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'summary', type: 'varchar', length: '500' },
          { name: 'details', type: 'text' },
          { name: 'correlation_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'opened_at', type: instant },
          { name: 'last_seen_at', type: instant },
          { name: 'resolved_at', type: instant, isNullable: true },
        ],
        indices: [
          { name: 'idx_alerts_opened', columnNames: ['opened_at'] },
          // A partial index, on SQLite and PostgreSQL alike: one open alert per policy and subject.
          {
            name: 'uq_alerts_open_subject',
            columnNames: ['policy', 'subject_key'],
            isUnique: true,
            where: "status = 'open'",
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'alert_notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '60', isPrimary: true },
          { name: 'alert_id', type: 'varchar', length: '40' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'int' },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'claimed_until', type: instant, isNullable: true },
          { name: 'created_at', type: instant },
          { name: 'last_attempt_at', type: instant, isNullable: true },
          { name: 'delivered_at', type: instant, isNullable: true },
        ],
        indices: [
          { name: 'idx_alert_notifications_pending', columnNames: ['status', 'created_at'] },
          { name: 'idx_alert_notifications_alert', columnNames: ['alert_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('alert_notifications');
    await queryRunner.dropTable('alerts');
  }
}
