import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';

import type { AuditRecord } from './audit-hash.js';

// PostgreSQL returns a bigint as a string; the chain never comes near 2^53 entries.
const seqAsNumber: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | number) => Number(value),
};

/** One entry of the append-only, hash-chained audit log that every layer database holds. */
@Entity('audit_log')
@Index('idx_audit_log_target', ['targetType', 'targetId', 'seq'])
export class AuditLogEntity implements AuditRecord {
  /** Assigned by the writer as the last seq + 1, never generated, so a deleted entry leaves a gap. */
  @PrimaryColumn({ type: 'bigint', transformer: seqAsNumber })
  seq: number;

  @Column({ name: 'recorded_at', type: Date })
  recordedAt: Date;

  /** The token subject, or `system` for Lanegate itself. */
  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ type: 'varchar', length: 120 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 80 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 128 })
  targetId: string;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128, nullable: true })
  correlationId: string | null;

  /** Canonical JSON text. */
  @Column({ type: 'text' })
  details: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
