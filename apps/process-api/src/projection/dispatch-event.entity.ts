import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What became of a stored dispatch event in the latest fold of its shipment, or `parked` before the shipment. */
export const STORED_EVENT_OUTCOMES = ['parked', 'applied', 'rejected'] as const;

export type StoredEventOutcome = (typeof STORED_EVENT_OUTCOMES)[number];

/**
 * Every canonical dispatch event the process layer received, once per event id. The shipment's projection is a fold
 * of these rows; an event for a shipment not created yet waits here as `parked` until the shipment appears.
 */
@Entity('dispatch_events')
@Index('idx_dispatch_events_shipment', ['shipmentId', 'outcome'])
export class DispatchEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 128 })
  eventId: string;

  @Column({ name: 'shipment_id', type: 'varchar', length: 128 })
  shipmentId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'int', nullable: true })
  sequence: number | null;

  @Column({ name: 'occurred_at', type: Date })
  occurredAt: Date;

  @Column({ name: 'received_at', type: Date })
  receivedAt: Date;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128 })
  correlationId: string;

  /** The dispatch platform that reported it, e.g. `acme-tms`, or `ops` for decisions made in Lanegate. */
  @Column({ type: 'varchar', length: 80 })
  source: string;

  @Column({ name: 'vendor_event_id', type: 'varchar', length: 128, nullable: true })
  vendorEventId: string | null;

  /** The kind's canonical payload as JSON, without the header fields. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: StoredEventOutcome;

  @Column({ name: 'rejection_code', type: 'varchar', length: 48, nullable: true })
  rejectionCode: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;
}
