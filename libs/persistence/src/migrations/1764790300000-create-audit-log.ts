import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

import { instantColumnType } from '../column-types.js';

/** The append-only, hash-chained audit log, in every layer database. */
export class CreateAuditLog1764790300000 implements MigrationInterface {
  name = 'CreateAuditLog1764790300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          // Not generated: the writer assigns last + 1, so a deleted entry leaves a gap the verifier reports.
          { name: 'seq', type: 'bigint', isPrimary: true },
          { name: 'recorded_at', type: instant },
          { name: 'actor', type: 'varchar', length: '200' },
          { name: 'action', type: 'varchar', length: '120' },
          { name: 'target_type', type: 'varchar', length: '80' },
          { name: 'target_id', type: 'varchar', length: '128' },
          { name: 'correlation_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'details', type: 'text' },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [{ name: 'idx_audit_log_target', columnNames: ['target_type', 'target_id', 'seq'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_log');
  }
}
