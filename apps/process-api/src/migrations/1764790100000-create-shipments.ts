import { instantColumnType } from '@lanegate/persistence';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateShipments1764790100000 implements MigrationInterface {
  name = 'CreateShipments1764790100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'shipments',
        columns: [
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'customer_id', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'resume_status', type: 'varchar', length: '24', isNullable: true },
          { name: 'purchase_order', type: 'varchar', length: '60', isNullable: true },
          { name: 'route_miles', type: 'int', isNullable: true },
          { name: 'contract_id', type: 'varchar', length: '40', isNullable: true },
          { name: 'lane_id', type: 'varchar', length: '40', isNullable: true },
          { name: 'currency', type: 'varchar', length: '3', isNullable: true },
          { name: 'quoted_linehaul_cents', type: 'int', isNullable: true },
          { name: 'quoted_fuel_surcharge_cents', type: 'int', isNullable: true },
          { name: 'quoted_total_cents', type: 'int', isNullable: true },
          { name: 'correlation_id', type: 'varchar', length: '128' },
          { name: 'version', type: 'int' },
          { name: 'created_at', type: instant },
          { name: 'updated_at', type: instant },
        ],
        indices: [
          { name: 'idx_shipments_customer_created', columnNames: ['customer_id', 'created_at'] },
          { name: 'idx_shipments_status', columnNames: ['status'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'shipment_stops',
        columns: [
          { name: 'shipment_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'sequence', type: 'int', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'city', type: 'varchar', length: '80' },
          { name: 'region', type: 'varchar', length: '3' },
          { name: 'postal_code', type: 'varchar', length: '12' },
          { name: 'country', type: 'varchar', length: '2' },
          { name: 'appointment_at', type: instant },
        ],
        foreignKeys: [
          {
            name: 'fk_shipment_stops_shipment',
            columnNames: ['shipment_id'],
            referencedTableName: 'shipments',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('shipment_stops');
    await queryRunner.dropTable('shipments');
  }
}
