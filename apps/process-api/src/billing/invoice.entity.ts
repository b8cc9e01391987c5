import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An invoice, credit memo or rebill of a shipment and its posting to the ERP. A row is written before the posting
 * is sent (`posting`), so a posting whose answer never came is known, with the exact content it carried; the ERP's
 * answer then makes it `posted` or `rejected`. A posted invoice becomes `credited` once a credit memo reverses it.
 */
@Entity('invoices')
@Index('idx_invoices_shipment', ['shipmentId', 'version'])
@Index('idx_invoices_rejected', ['shipmentId'], { where: "status = 'rejected'" })
export class InvoiceEntity {
  /** Also the ERP's external reference and the posting's idempotency key, e.g. `INV-SHP-...-v1`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'invoice' | 'credit_memo' | 'rebill';

  @Column({ name: 'shipment_id', type: 'varchar', length: 40 })
  shipmentId: string;

  /** The billing version of the shipment: 1 for the first invoice, one more for each rebill. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'customer_id', type: 'varchar', length: 40 })
  customerId: string;

  @Column({ name: 'corrects_invoice_id', type: 'varchar', length: 100, nullable: true })
  correctsInvoiceId: string | null;

  @Column({ name: 'po_number', type: 'varchar', length: 60, nullable: true })
  poNumber: string | null;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** The charges billed (negated on a credit memo), `Charge[]` as JSON. */
  @Column({ type: 'text' })
  lines: string;

  @Column({ name: 'subtotal_cents', type: 'int' })
  subtotalCents: number;

  @Column({ name: 'tax_cents', type: 'int' })
  taxCents: number;

  @Column({ name: 'total_cents', type: 'int' })
  totalCents: number;

  @Column({ name: 'tax_quote_id', type: 'varchar', length: 60, nullable: true })
  taxQuoteId: string | null;

  @Column({ name: 'carrier_scac', type: 'varchar', length: 4, nullable: true })
  carrierScac: string | null;

  @Column({ name: 'carrier_name', type: 'varchar', length: 120, nullable: true })
  carrierName: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: 'posting' | 'posted' | 'rejected' | 'credited';

  @Column({ name: 'erp_document_number', type: 'varchar', length: 40, nullable: true })
  erpDocumentNumber: string | null;

  @Column({ name: 'erp_posted_at', type: Date, nullable: true })
  erpPostedAt: Date | null;

  @Column({ name: 'rejection_code', type: 'varchar', length: 60, nullable: true })
  rejectionCode: string | null;

  @Column({ name: 'rejection_detail', type: 'varchar', length: 500, nullable: true })
  rejectionDetail: string | null;

  /** The invoice date sent to the ERP; fixed when the row is first written, so every repeat sends the same. */
  @Column({ name: 'issued_at', type: Date })
  issuedAt: Date;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128 })
  correlationId: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
