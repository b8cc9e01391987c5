import { instantColumnType } from '@lanegate/persistence';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Billing assessments, their hold reasons, and the invoices, credit memos and rebills posted to the ERP. */
export class CreateBilling1764790500000 implements MigrationInterface {
  name = 'CreateBilling1764790500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'shipment_billing',
        columns: [
          { name: 'shipment_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'ready', type: 'boolean' },
          { name: 'holds', type: 'text' },
          { name: 'charges', type: 'text' },
          { name: 'rating_problems', type: 'text' },
          { name: 'tax_status', type: 'varchar', length: '16' },
          { name: 'tax_quote', type: 'text', isNullable: true },
          { name: 'tax_refusal', type: 'text', isNullable: true },
          { name: 'erp_rejection', type: 'text', isNullable: true },
          { name: 'posting_failure', type: 'varchar', length: '200', isNullable: true },
          { name: 'posting_failed_at', type: instant, isNullable: true },
          { name: 'projection_version', type: 'int' },
          { name: 'delivered_at', type: instant, isNullable: true },
          { name: 'ready_at', type: instant, isNullable: true },
          { name: 'posted_at', type: instant, isNullable: true },
          { name: 'assessed_at', type: instant },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'billing_holds',
        columns: [
          { name: 'shipment_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'reason', type: 'varchar', length: '32', isPrimary: true },
          { name: 'detail', type: 'varchar', length: '500' },
          { name: 'since', type: instant },
        ],
        indices: [{ name: 'idx_billing_holds_reason', columnNames: ['reason'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'invoices',
        columns: [
          { name: 'id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'shipment_id', type: 'varchar', length: '40' },
          { name: 'version', type: 'int' },
          { name: 'customer_id', type: 'varchar', length: '40' },
          { name: 'corrects_invoice_id', type: 'varchar', length: '100', isNullable: true },
          { name: 'po_number', type: 'varchar', length: '60', isNullable: true },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'lines', type: 'text' },
          { name: 'subtotal_cents', type: 'int' },
          { name: 'tax_cents', type: 'int' },
          { name: 'total_cents', type: 'int' },
          { name: 'tax_quote_id', type: 'varchar', length: '60', isNullable: true },
          { name: 'carrier_scac', type: 'varchar', length: '4', isNullable: true },
          { name: 'carrier_name', type: 'varchar', length: '120', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'erp_document_number', type: 'varchar', length: '40', isNullable: true },
          { name: 'erp_posted_at', type: instant, isNullable: true },
          { name: 'rejection_code', type: 'varchar', length: '60', isNullable: true },
          { name: 'rejection_detail', type: 'varchar', length: '500', isNullable: true },
          { name: 'issued_at', type: instant },
          { name: 'correlation_id', type: 'varchar', length: '128' },
          { name: 'created_at', type: instant },
          { name: 'updated_at', type: instant },
        ],
        indices: [
          { name: 'idx_invoices_shipment', columnNames: ['shipment_id', 'version'] },
          { name: 'idx_invoices_customer', columnNames: ['customer_id', 'created_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('invoices');
    await queryRunner.dropTable('billing_holds');
    await queryRunner.dropTable('shipment_billing');
  }
}
