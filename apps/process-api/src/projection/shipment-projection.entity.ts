import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A shipment's dispatch state as the fold of its stored dispatch events made it. The whole projection is kept as
 * JSON; the columns beside it are copies for filters and dashboards.
 */
@Entity('shipment_projections')
export class ShipmentProjectionEntity {
  @PrimaryColumn({ name: 'shipment_id', type: 'varchar', length: 40 })
  shipmentId: string;

  /** The status the dispatch events alone give; billing statuses are kept on the shipment itself. */
  @Column({ name: 'dispatch_status', type: 'varchar', length: 24 })
  dispatchStatus: string;

  @Column({ name: 'resume_status', type: 'varchar', length: 24, nullable: true })
  resumeStatus: string | null;

  @Column({ name: 'carrier_scac', type: 'varchar', length: 4, nullable: true })
  carrierScac: string | null;

  @Column({ name: 'carrier_name', type: 'varchar', length: 120, nullable: true })
  carrierName: string | null;

  @Column({ name: 'route_miles', type: 'int', nullable: true })
  routeMiles: number | null;

  @Column({ name: 'delivered_at', type: Date, nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'pod_captured_at', type: Date, nullable: true })
  podCapturedAt: Date | null;

  @Column({ name: 'open_exception_count', type: 'int' })
  openExceptionCount: number;

  @Column({ name: 'pending_accessorial_count', type: 'int' })
  pendingAccessorialCount: number;

  /** Distinct dispatch events folded into this projection. */
  @Column({ name: 'event_count', type: 'int' })
  eventCount: number;

  /** The `ShipmentProjection` as JSON. */
  @Column({ type: 'text' })
  projection: string;

  /** Goes up by one with every fold, so readers can tell a newer projection from an older one. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
