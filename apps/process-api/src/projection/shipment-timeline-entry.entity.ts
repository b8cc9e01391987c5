import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a shipment's timeline: an event received, a decision, a status change, a charge, an ERP call. */
@Entity('shipment_timeline')
@Index('idx_shipment_timeline_shipment', ['shipmentId', 'position'])
export class ShipmentTimelineEntryEntity {
  /** Insertion order; the timeline reads in this order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  position: string;

  @Column({ name: 'shipment_id', type: 'varchar', length: 128 })
  shipmentId: string;

  @Column({ type: Date })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'text' })
  summary: string;

  /** JSON object. */
  @Column({ type: 'text' })
  details: string;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128, nullable: true })
  correlationId: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  source: string | null;
}
