import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DEAD_LETTER_STATUSES = ['open', 'replayed', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/** An event a consumer gave up on after the attempts its policy allows, kept for an operator to act on. */
@Entity('dead_letters')
@Index('idx_dead_letters_status_failed', ['status', 'firstFailedAt'])
export class DeadLetterEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 80 })
  consumer: string;

  @Column({ name: 'event_id', type: 'varchar', length: 128 })
  eventId: string;

  @Column({ type: 'varchar', length: 160 })
  type: string;

  @Column({ type: 'varchar', length: 128 })
  subject: string;

  @Column({ type: 'text' })
  envelope: string;

  /** Short machine-readable reason, e.g. the error's code or class name. */
  @Column({ type: 'varchar', length: 120 })
  reason: string;

  @Column({ type: 'text' })
  error: string;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'first_failed_at', type: Date })
  firstFailedAt: Date;

  @Column({ name: 'last_failed_at', type: Date })
  lastFailedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: DeadLetterStatus;

  @Column({ name: 'resolved_at', type: Date, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 200, nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;
}
