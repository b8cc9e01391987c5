import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One comparison of delivered shipments, Lanegate's postings and the ERP's own invoice list over a range. */
@Entity('reconciliations')
@Index('idx_reconciliations_started', ['startedAt'])
export class ReconciliationEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  /** Start of the range, inclusive. */
  @Column({ name: 'range_from', type: Date })
  rangeFrom: Date;

  /** End of the range, exclusive. */
  @Column({ name: 'range_to', type: Date })
  rangeTo: Date;

  /** `scheduled`, or the operator who asked. */
  @Column({ name: 'requested_by', type: 'varchar', length: 128 })
  requestedBy: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'completed' | 'failed';

  /** `ReconciliationCounts` as JSON. */
  @Column({ type: 'text' })
  counts: string;

  /** `Discrepancy[]` as JSON. */
  @Column({ type: 'text' })
  discrepancies: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ name: 'started_at', type: Date })
  startedAt: Date;

  @Column({ name: 'finished_at', type: Date })
  finishedAt: Date;
}
