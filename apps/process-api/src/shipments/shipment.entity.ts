import { Column, Entity, OneToMany, PrimaryColumn, type Relation, VersionColumn } from 'typeorm';

import { ShipmentStopEntity } from './shipment-stop.entity.js';

@Entity('shipments')
export class ShipmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 40 })
  customerId: string;

  @Column({ type: 'varchar', length: 24 })
  status: string;

  /** The status to return to when an open exception is cleared. */
  @Column({ name: 'resume_status', type: 'varchar', length: 24, nullable: true })
  resumeStatus: string | null;

  @Column({ name: 'purchase_order', type: 'varchar', length: 60, nullable: true })
  purchaseOrder: string | null;

  @Column({ name: 'route_miles', type: 'int', nullable: true })
  routeMiles: number | null;

  /** The contract and lane the shipment was accepted on, and the quote; null on shipments stored before quoting. */
  @Column({ name: 'contract_id', type: 'varchar', length: 40, nullable: true })
  contractId: string | null;

  @Column({ name: 'lane_id', type: 'varchar', length: 40, nullable: true })
  laneId: string | null;

  @Column({ name: 'currency', type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @Column({ name: 'quoted_linehaul_cents', type: 'int', nullable: true })
  quotedLinehaulCents: number | null;

  @Column({ name: 'quoted_fuel_surcharge_cents', type: 'int', nullable: true })
  quotedFuelSurchargeCents: number | null;

  @Column({ name: 'quoted_total_cents', type: 'int', nullable: true })
  quotedTotalCents: number | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128 })
  correlationId: string;

  @VersionColumn()
  version: number;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;

  @OneToMany(() => ShipmentStopEntity, (stop) => stop.shipment, { cascade: ['insert'], eager: true })
  stops: Relation<ShipmentStopEntity>[];
}
