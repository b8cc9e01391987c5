import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event written in the same transaction as the state change that caused it. Rows are never deleted: once
 * published they are the layer's event history, replayable by subject, type or time.
 */
@Entity('outbox_events')
@Index('idx_outbox_pending', ['publishedAt', 'position'])
@Index('idx_outbox_subject', ['subject', 'position'])
export class OutboxEventEntity {
  /** Insertion order within this database; the relay publishes each partition in this order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  position: string;

  @Column({ name: 'event_id', type: 'varchar', length: 128, unique: true })
  eventId: string;

  @Column({ type: 'varchar', length: 160 })
  type: string;

  @Column({ type: 'varchar', length: 128 })
  subject: string;

  @Column({ type: 'int' })
  partition: number;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128 })
  correlationId: string;

  /** The whole CloudEvent, as published. */
  @Column({ type: 'text' })
  envelope: string;

  @Column({ name: 'occurred_at', type: Date })
  occurredAt: Date;

  @Column({ name: 'published_at', type: Date, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'publish_attempts', type: 'int', default: 0 })
  publishAttempts: number;
}
