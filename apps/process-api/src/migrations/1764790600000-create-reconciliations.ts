import { instantColumnType } from '@lanegate/persistence';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Reconciliation runs and what each found. */
export class CreateReconciliations1764790600000 implements MigrationInterface {
  name = 'CreateReconciliations1764790600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'reconciliations',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'range_from', type: instant },
          { name: 'range_to', type: instant },
          { name: 'requested_by', type: 'varchar', length: '128' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'counts', type: 'text' },
          { name: 'discrepancies', type: 'text' },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
          { name: 'started_at', type: instant },
          { name: 'finished_at', type: instant },
        ],
        indices: [{ name: 'idx_reconciliations_started', columnNames: ['started_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reconciliations');
  }
}
