import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

import { instantColumnType } from '../column-types.js';

export class CreateIdempotencyKeys1764790000000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'principal', type: 'varchar', length: '200', isPrimary: true },
          { name: 'key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'status_code', type: 'int', isNullable: true },
          { name: 'response_body', type: 'text', isNullable: true },
          { name: 'created_at', type: instant },
          { name: 'expires_at', type: instant },
        ],
        indices: [{ name: 'idx_idempotency_keys_expires_at', columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
  }
}
