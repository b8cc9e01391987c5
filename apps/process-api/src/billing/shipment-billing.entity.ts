import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Where a shipment's billing stands, as its last assessment left it: rated charges, tax, readiness and the ERP's
 * answers. JSON columns keep the domain's shapes; the hold reasons are also rows of `billing_holds` for counting.
 */
@Entity('shipment_billing')
@Index('idx_shipment_billing_gave_up', ['shipmentId'], { where: 'posting_failure IS NOT NULL' })
export class ShipmentBillingEntity {
  @PrimaryColumn({ name: 'shipment_id', type: 'varchar', length: 40 })
  shipmentId: string;

  @Column({ type: 'boolean' })
  ready: boolean;

  /** `BillingHold[]` as JSON, in the domain's reason order. */
  @Column({ type: 'text' })
  holds: string;

  /** `Charge[]` as JSON, in rating order. */
  @Column({ type: 'text' })
  charges: string;

  /** `BillingRuleError[]` as JSON. */
  @Column({ name: 'rating_problems', type: 'text' })
  ratingProblems: string;

  @Column({ name: 'tax_status', type: 'varchar', length: 16 })
  taxStatus: string;

  /** `StoredTaxQuote` as JSON: the ERP's quote and the charges it was quoted for. */
  @Column({ name: 'tax_quote', type: 'text', nullable: true })
  taxQuote: string | null;

  /** `ErpRefusal` as JSON: why the ERP would not quote tax. */
  @Column({ name: 'tax_refusal', type: 'text', nullable: true })
  taxRefusal: string | null;

  /** `StoredErpRejection` as JSON: the ERP's refusal of the last posting and whether its cause is fixed. */
  @Column({ name: 'erp_rejection', type: 'text', nullable: true })
  erpRejection: string | null;

  /** Why posting last gave up after its retries (its dead letter's reason); cleared by the next posting. */
  @Column({ name: 'posting_failure', type: 'varchar', length: 200, nullable: true })
  postingFailure: string | null;

  @Column({ name: 'posting_failed_at', type: Date, nullable: true })
  postingFailedAt: Date | null;

  /** The dispatch projection version this assessment read. */
  @Column({ name: 'projection_version', type: 'int' })
  projectionVersion: number;

  @Column({ name: 'delivered_at', type: Date, nullable: true })
  deliveredAt: Date | null;

  /** When the shipment last became billing-ready; null while it is not. */
  @Column({ name: 'ready_at', type: Date, nullable: true })
  readyAt: Date | null;

  /** When the first invoice of the shipment was posted. */
  @Column({ name: 'posted_at', type: Date, nullable: true })
  postedAt: Date | null;

  @Column({ name: 'assessed_at', type: Date })
  assessedAt: Date;
}

/** One reason that holds a shipment's billing now: one row per shipment and reason. */
@Entity('billing_holds')
export class BillingHoldEntity {
  @PrimaryColumn({ name: 'shipment_id', type: 'varchar', length: 40 })
  shipmentId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  reason: string;

  @Column({ type: 'varchar', length: 500 })
  detail: string;

  @Column({ type: Date })
  since: Date;
}
