import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

import { instantColumnType } from '@lanegate/persistence';

export class CreateRawVendorMessages1764791000000 implements MigrationInterface {
  name = 'CreateRawVendorMessages1764791000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'raw_vendor_messages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'vendor', type: 'varchar', length: '40' },
          { name: 'webhook_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'delivery_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'received_at', type: instant },
          { name: 'headers', type: 'text' },
          { name: 'body', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'events_appended', type: 'int', default: 0 },
          { name: 'correlation_id', type: 'varchar', length: '128' },
          { name: 'processed_at', type: instant },
        ],
        indices: [
          { name: 'idx_raw_vendor_messages_webhook', columnNames: ['vendor', 'webhook_id'], isUnique: true },
          { name: 'idx_raw_vendor_messages_status', columnNames: ['status', 'received_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('raw_vendor_messages');
  }
}
