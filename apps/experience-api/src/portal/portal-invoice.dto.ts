import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

import { PageQuery, PageView } from '@lanegate/platform';

import { PortalCarrierView } from './portal-shipment.dto.js';

export const INVOICE_ID_PARAM = {
  name: 'invoiceId',
  description: "Lanegate's document id (also the ERP's external reference).",
  example: 'INV-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60-v1',
};

export class PortalInvoicesQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Only documents of this shipment.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  shipmentId?: string;
}

export class PortalInvoiceLineView {
  @ApiProperty({
    description: 'Charge kind: `linehaul`, `fuel_surcharge`, `detention` or an accessorial.',
    example: 'linehaul',
  })
  kind: string;

  @ApiProperty({ description: 'Line text.', example: 'Linehaul: 436 mi at 285 cents/mi' })
  description: string;

  @ApiProperty({ description: 'Quantity in `unit`: miles, hours to two decimals, or a count.', example: 436 })
  quantity: number;

  @ApiProperty({ description: 'What the quantity counts.', enum: ['mile', 'hour', 'each'], example: 'mile' })
  unit: string;

  @ApiProperty({ description: 'Price per unit in integer cents.', example: 285 })
  rateCents: number;

  @ApiProperty({ description: 'Line amount in integer cents; negative on a credit memo.', example: 124260 })
  amountCents: number;
}

export class PortalInvoiceView {
  @ApiProperty({ description: "Lanegate's document id.", example: 'INV-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60-v1' })
  id: string;

  @ApiProperty({
    description: 'An invoice, a credit memo cancelling a posted invoice, or a rebill replacing it.',
    enum: ['invoice', 'credit_memo', 'rebill'],
    example: 'invoice',
  })
  kind: string;

  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({
    description: '`posted`: standing in the ERP; `credited`: cancelled by a credit memo.',
    enum: ['posted', 'credited'],
    example: 'posted',
  })
  status: string;

  @ApiProperty({ description: "The ERP's document number.", example: 'INV-000123' })
  erpDocumentNumber: string;

  @ApiPropertyOptional({
    description: 'For a credit memo or rebill: the id of the invoice it corrects.',
    example: null,
    type: String,
    nullable: true,
  })
  correctsInvoiceId: string | null;

  @ApiPropertyOptional({ description: 'Your PO number.', example: 'PO-88123', type: String, nullable: true })
  purchaseOrder: string | null;

  @ApiPropertyOptional({ description: 'The carrier billed for.', type: PortalCarrierView, nullable: true })
  carrier: PortalCarrierView | null;

  @ApiProperty({ description: 'The lines billed.', type: [PortalInvoiceLineView] })
  lines: PortalInvoiceLineView[];

  @ApiProperty({ description: 'Sum of the lines in integer cents.', example: 152688 })
  subtotalCents: number;

  @ApiProperty({ description: 'Tax in integer cents.', example: 9543 })
  taxCents: number;

  @ApiProperty({ description: 'Lines plus tax in integer cents; negative for a credit memo.', example: 162231 })
  totalCents: number;

  @ApiProperty({ description: 'ISO 4217 currency.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Invoice date (UTC).', example: '2026-12-08T13:20:04.112Z' })
  issuedAt: string;

  @ApiProperty({ description: 'When the ERP posted it (UTC).', example: '2026-12-08T13:20:04.310Z' })
  postedAt: string;
}

export class PortalInvoiceListView {
  @ApiProperty({
    description: "The shipment's invoices, credit memos and rebills, oldest first.",
    type: [PortalInvoiceView],
  })
  items: PortalInvoiceView[];
}

export class PortalInvoicePage extends PageView {
  @ApiProperty({ description: 'Your invoices, credit memos and rebills, newest first.', type: [PortalInvoiceView] })
  items: PortalInvoiceView[];
}
