import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An event a consumer has taken effect of, recorded in the same transaction as the effect. */
@Entity('inbox_events')
@Index('idx_inbox_events_handled', ['handledAt'])
export class InboxEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 128 })
  eventId: string;

  @Column({ name: 'handled_at', type: Date })
  handledAt: Date;

  /** When the bus took the event; null for a replay or a re-drive, which are not deliveries. */
  @Column({ name: 'published_at', type: Date, nullable: true })
  publishedAt: Date | null;
}
