import { instantColumnType } from '@lanegate/persistence';
import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Stored dispatch events, the shipment projections folded from them, and the shipment timeline. */
export class CreateDispatchProjection1764790160000 implements MigrationInterface {
  name = 'CreateDispatchProjection1764790160000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'dispatch_events',
        columns: [
          { name: 'event_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'shipment_id', type: 'varchar', length: '128' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'sequence', type: 'int', isNullable: true },
          { name: 'occurred_at', type: instant },
          { name: 'received_at', type: instant },
          { name: 'correlation_id', type: 'varchar', length: '128' },
          { name: 'source', type: 'varchar', length: '80' },
          { name: 'vendor_event_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'payload', type: 'text' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'rejection_code', type: 'varchar', length: '48', isNullable: true },
          { name: 'decision_reason', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'idx_dispatch_events_shipment', columnNames: ['shipment_id', 'outcome'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'shipment_projections',
        columns: [
          { name: 'shipment_id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'dispatch_status', type: 'varchar', length: '24' },
          { name: 'resume_status', type: 'varchar', length: '24', isNullable: true },
          { name: 'carrier_scac', type: 'varchar', length: '4', isNullable: true },
          { name: 'carrier_name', type: 'varchar', length: '120', isNullable: true },
          { name: 'route_miles', type: 'int', isNullable: true },
          { name: 'delivered_at', type: instant, isNullable: true },
          { name: 'pod_captured_at', type: instant, isNullable: true },
          { name: 'open_exception_count', type: 'int' },
          { name: 'pending_accessorial_count', type: 'int' },
          { name: 'event_count', type: 'int' },
          { name: 'projection', type: 'text' },
          { name: 'version', type: 'int' },
          { name: 'updated_at', type: instant },
        ],
        indices: [{ name: 'idx_shipment_projections_status', columnNames: ['dispatch_status'] }],
        foreignKeys: [
          {
            name: 'fk_shipment_projections_shipment',
            columnNames: ['shipment_id'],
            referencedTableName: 'shipments',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'shipment_timeline',
        columns: [
          {
            name: 'position',
            // SQLite only auto-increments a column declared exactly INTEGER PRIMARY KEY.
            type: queryRunner.connection.driver.options.type === 'postgres' ? 'bigint' : 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'shipment_id', type: 'varchar', length: '128' },
          { name: 'at', type: instant },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'summary', type: 'text' },
          { name: 'details', type: 'text' },
          { name: 'correlation_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'source', type: 'varchar', length: '80', isNullable: true },
        ],
        indices: [{ name: 'idx_shipment_timeline_shipment', columnNames: ['shipment_id', 'position'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('shipment_timeline');
    await queryRunner.dropTable('shipment_projections');
    await queryRunner.dropTable('dispatch_events');
  }
}
