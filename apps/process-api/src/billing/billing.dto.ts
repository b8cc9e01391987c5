import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

import {
  BILLING_HOLD_REASONS,
  type BillingHoldReason,
  CHARGE_KINDS,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  TAX_STATUSES,
  type TaxStatus,
} from '@lanegate/domain';
import { PageQuery, PageView } from '@lanegate/platform';

import { IsCustomerId } from '../shipments/shipment.dto.js';

export const INVOICE_KINDS = ['invoice', 'credit_memo', 'rebill'] as const;

export class BillingHoldView {
  @ApiProperty({ description: 'Machine-readable hold reason.', enum: BILLING_HOLD_REASONS, example: 'awaiting_pod' })
  reason: BillingHoldReason;

  @ApiProperty({
    description: 'What holds the shipment and what clears it, for people.',
    example: 'Delivered at 2026-12-08T13:00:00Z; no proof of delivery yet.',
  })
  detail: string;

  @ApiProperty({ description: 'Since when the reason holds the shipment (UTC).', example: '2026-12-08T13:00:04.112Z' })
  since: string;
}

export class ChargeView {
  @ApiProperty({ description: 'Charge kind.', enum: CHARGE_KINDS, example: 'detention' })
  kind: string;

  @ApiProperty({
    description: 'Line text.',
    example: 'Detention at stop 2: 190 min on site, 120 free, 75 billed in 15-min increments at 6000 cents/h',
  })
  description: string;

  @ApiProperty({ description: 'Count of `quantityUnit`: miles, minutes, or 1.', example: 75 })
  quantity: number;

  @ApiProperty({ description: 'What the quantity counts.', example: 'minute' })
  quantityUnit: string;

  @ApiProperty({ description: 'Integer price per `rateUnit`.', example: 6000 })
  rate: number;

  @ApiProperty({ description: 'What the rate is per.', example: 'cents_per_hour' })
  rateUnit: string;

  @ApiProperty({ description: 'Amount in integer cents.', example: 7500 })
  amountCents: number;

  @ApiProperty({ description: 'ISO 4217 currency.', example: 'USD' })
  currency: string;

  @ApiProperty({
    description: 'The dispatch events the charge was derived from.',
    type: [String],
    example: ['tms-7781-arrived-2', 'tms-7781-departed-2'],
  })
  sourceEventIds: string[];

  @ApiProperty({ description: 'The billing rule and its version that produced the charge.', example: 'detention.v1' })
  rule: string;
}

export class RatingProblemView {
  @ApiProperty({ description: 'Why the rule could not price its part.', example: 'NO_ACCESSORIAL_PRICE' })
  code: string;

  @ApiProperty({ description: 'The rule that refused.', example: 'accessorial.contract_price.v1' })
  rule: string;

  @ApiProperty({
    description: 'For people.',
    example: "Accessorial 'ACC-1' was approved without an amount and the contract has no price for other.",
  })
  message: string;
}

export class ErpRefusalView {
  @ApiProperty({ description: "The ERP's error code.", example: 'TAX_VALIDATION_FAILED' })
  code: string;

  @ApiProperty({
    description: "The ERP's explanation.",
    example: 'The exemption certificate on file for customer C-1004 in US-MI expired on 2026-09-30.',
  })
  detail: string;
}

export class TaxView {
  @ApiProperty({
    description: '`resolved`: quoted; `pending`: not quoted yet (not delivered or not rated); `failed`: refused.',
    enum: TAX_STATUSES,
    example: 'resolved',
  })
  status: TaxStatus;

  @ApiPropertyOptional({ description: "The ERP's tax quote id.", example: 'TQ-000042', type: String, nullable: true })
  quoteId: string | null;

  @ApiPropertyOptional({ description: 'Tax in cents.', example: 9543, type: Number, nullable: true })
  taxCents: number | null;

  @ApiPropertyOptional({ description: 'Why the ERP refused to quote.', type: ErpRefusalView, nullable: true })
  refusal: ErpRefusalView | null;
}

export class ErpRejectionView extends ErpRefusalView {
  @ApiProperty({ description: 'The invoice the ERP rejected.', example: 'INV-SHP-3f2c9a4e-v1' })
  invoiceId: string;

  @ApiProperty({ description: 'When (UTC).', example: '2026-12-08T14:02:11.004Z' })
  rejectedAt: string;

  @ApiPropertyOptional({
    description: 'When an operator reported the cause fixed; null while it stands.',
    example: null,
    type: String,
    nullable: true,
  })
  resolvedAt: string | null;
}

export class BillingReadinessView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'Canonical shipment status.', enum: SHIPMENT_STATUSES, example: 'billing_hold' })
  status: ShipmentStatus;

  @ApiProperty({ description: 'Whether the shipment can be invoiced now.', example: false })
  ready: boolean;

  @ApiProperty({ description: 'Every reason that holds billing now; empty when ready.', type: [BillingHoldView] })
  holds: BillingHoldView[];

  @ApiProperty({ description: 'The charges as rated now, with the rule and events of each.', type: [ChargeView] })
  charges: ChargeView[];

  @ApiProperty({ description: 'Sum of the charges in cents.', example: 152688 })
  subtotalCents: number;

  @ApiProperty({ description: 'Why a rule could not price its part.', type: [RatingProblemView] })
  ratingProblems: RatingProblemView[];

  @ApiProperty({ description: "The ERP's tax quote.", type: TaxView })
  tax: TaxView;

  @ApiPropertyOptional({
    description: "The ERP's last rejection of a posting.",
    type: ErpRejectionView,
    nullable: true,
  })
  erpRejection: ErpRejectionView | null;

  @ApiPropertyOptional({
    description: 'Why billing last gave up after all its attempts (it waits as a dead letter); null otherwise.',
    example: null,
    type: String,
    nullable: true,
  })
  postingFailure: string | null;

  @ApiPropertyOptional({
    description:
      'When billing last assessed the shipment (UTC); null for a moment after creation, before the first one.',
    example: '2026-12-08T13:00:04.112Z',
    type: String,
    nullable: true,
  })
  assessedAt: string | null;
}

export class InvoiceLineView {
  @ApiProperty({ description: 'Charge kind.', example: 'linehaul' })
  kind: string;

  @ApiProperty({ description: 'Line text.', example: 'Linehaul: 436 mi at 285 cents/mi' })
  description: string;

  @ApiProperty({ description: 'Quantity in `unit`: miles, hours to two decimals, or a count.', example: 436 })
  quantity: number;

  @ApiProperty({ description: 'What the quantity counts.', enum: ['mile', 'hour', 'each'], example: 'mile' })
  unit: string;

  @ApiProperty({ description: 'Price per unit in cents.', example: 285 })
  rateCents: number;

  @ApiProperty({ description: 'Line amount in cents; negative on credit memos.', example: 124260 })
  amountCents: number;
}

export class InvoiceView {
  @ApiProperty({ description: "Lanegate's id; also the ERP's external reference.", example: 'INV-SHP-3f2c9a4e-v1' })
  id: string;

  @ApiProperty({ description: 'Document kind.', enum: INVOICE_KINDS, example: 'invoice' })
  kind: string;

  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'Billing version of the shipment: 1, then one more per rebill.', example: 1 })
  version: number;

  @ApiProperty({ description: 'The ERP customer billed.', example: 'C-1001' })
  customerId: string;

  @ApiProperty({
    description:
      '`posting`: sent, answer pending; `posted`: in the ERP; `rejected`: refused by the ERP; `credited`: ' +
      'reversed by a credit memo.',
    enum: ['posting', 'posted', 'rejected', 'credited'],
    example: 'posted',
  })
  status: string;

  @ApiPropertyOptional({
    description: "The ERP's document number.",
    example: 'INV-000123',
    type: String,
    nullable: true,
  })
  erpDocumentNumber: string | null;

  @ApiPropertyOptional({
    description: 'The posted invoice a credit memo or rebill corrects.',
    example: null,
    type: String,
    nullable: true,
  })
  correctsInvoiceId: string | null;

  @ApiPropertyOptional({ description: "The customer's PO number.", example: 'PO-88123', type: String, nullable: true })
  purchaseOrder: string | null;

  @ApiPropertyOptional({
    description: 'Carrier SCAC named on the invoice.',
    example: 'KNXT',
    type: String,
    nullable: true,
  })
  carrierScac: string | null;

  @ApiPropertyOptional({
    description: 'Carrier name named on the invoice.',
    example: 'Knight Transportation',
    type: String,
    nullable: true,
  })
  carrierName: string | null;

  @ApiProperty({ description: 'Lines as posted.', type: [InvoiceLineView] })
  lines: InvoiceLineView[];

  @ApiProperty({ description: 'Sum of the lines in cents.', example: 152688 })
  subtotalCents: number;

  @ApiProperty({ description: 'Tax in cents.', example: 9543 })
  taxCents: number;

  @ApiProperty({ description: 'Lines plus tax in cents; negative for a credit memo.', example: 162231 })
  totalCents: number;

  @ApiProperty({ description: 'ISO 4217 currency.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Invoice date sent to the ERP (UTC).', example: '2026-12-08T13:00:04.112Z' })
  issuedAt: string;

  @ApiPropertyOptional({
    description: 'When the ERP posted it (UTC).',
    example: '2026-12-08T13:00:04.310Z',
    type: String,
    nullable: true,
  })
  postedAt: string | null;

  @ApiPropertyOptional({ description: "The ERP's refusal, for a rejected one.", type: ErpRefusalView, nullable: true })
  rejection: ErpRefusalView | null;
}

export class InvoiceListView {
  @ApiProperty({ description: "The shipment's invoices, credit memos and rebills, oldest first.", type: [InvoiceView] })
  items: InvoiceView[];
}

export class InvoicePage extends PageView {
  @ApiProperty({ description: 'Invoices, credit memos and rebills on this page, newest first.', type: [InvoiceView] })
  items: InvoiceView[];
}

export class ListInvoicesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only documents billed to this customer.', example: 'C-1001' })
  @IsOptional()
  @IsCustomerId()
  customerId?: string;

  @ApiPropertyOptional({
    description: 'Only documents of this shipment.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  shipmentId?: string;

  @ApiPropertyOptional({ description: 'Only the document with this ERP document number.', example: 'INV-000123' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  erpDocumentNumber?: string;

  @ApiPropertyOptional({ description: 'Only documents of this kind.', enum: INVOICE_KINDS, example: 'invoice' })
  @IsOptional()
  @IsIn(INVOICE_KINDS)
  kind?: (typeof INVOICE_KINDS)[number];

  @ApiPropertyOptional({
    description:
      '`true`: only documents the ERP holds (posted, or posted and since credited); `false`: only those it does ' +
      'not (still posting, or rejected).',
    enum: ['true', 'false'],
    example: 'true',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  inErp?: 'true' | 'false';
}

export class RequestBillingReviewDto {
  @ApiProperty({
    description: 'What was fixed outside Lanegate, for the timeline and the audit log.',
    example: 'Accounting period 2026-12 reopened by finance.',
  })
  @IsString()
  @Length(3, 300)
  reason: string;

  @ApiPropertyOptional({
    description: "Whether the cause of the ERP's last rejection is fixed, so the invoice is posted again.",
    example: true,
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  erpRejectionResolved?: boolean;
}

export class BillingReviewAcceptedView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({
    description: 'Id of the `lanegate.billing.review_requested.v1` event; the assessment follows shortly.',
    example: '7d1c2b0e-3a4f-4e4b-9d0c-1f2e3a4b5c6d',
  })
  eventId: string;
}

export class SetPurchaseOrderDto {
  @ApiProperty({ description: "The customer's purchase order number.", example: 'PO-LAKE-2291' })
  @Matches(/^\S(.{0,58}\S)?$/, { message: 'purchaseOrder must be 1 to 60 characters without surrounding blanks' })
  purchaseOrder: string;
}
