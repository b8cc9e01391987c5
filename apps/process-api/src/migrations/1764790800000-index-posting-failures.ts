import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The posting failures the alert evaluation and the operations overview read every time: rejected documents and
 * billing that gave up. Partial indexes keep both reads to the few failing rows however many invoices are posted.
 */
export class IndexPostingFailures1764790800000 implements MigrationInterface {
  name = 'IndexPostingFailures1764790800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'invoices',
      new TableIndex({ name: 'idx_invoices_rejected', columnNames: ['shipment_id'], where: "status = 'rejected'" }),
    );
    await queryRunner.createIndex(
      'shipment_billing',
      new TableIndex({
        name: 'idx_shipment_billing_gave_up',
        columnNames: ['shipment_id'],
        where: 'posting_failure IS NOT NULL',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('shipment_billing', 'idx_shipment_billing_gave_up');
    await queryRunner.dropIndex('invoices', 'idx_invoices_rejected');
  }
}
