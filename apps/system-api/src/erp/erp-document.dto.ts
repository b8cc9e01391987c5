import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** Visible ASCII, as an Idempotency-Key header allows. */
const DOCUMENT_ID = /^[\x21-\x7e]{1,100}$/;

export class DocumentLineDto {
  @ApiProperty({ description: 'Item kind from the ERP catalogue.', example: 'linehaul' })
  @IsString()
  @Length(1, 40)
  kind: string;

  @ApiProperty({ description: 'Text printed on the line.', example: 'Linehaul Chicago IL to Columbus OH, 356 mi' })
  @IsString()
  @Length(1, 200)
  description: string;

  @ApiProperty({ description: 'Quantity billed, in `unit`.', example: 356 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  quantity: number;

  @ApiProperty({ description: 'What the quantity counts.', example: 'mile' })
  @IsString()
  @Length(1, 20)
  unit: string;

  @ApiProperty({ description: 'Price per unit in cents.', example: 285 })
  @IsInt()
  rateCents: number;

  @ApiProperty({ description: 'Line amount in cents; negative on credit memos.', example: 101460 })
  @IsInt()
  amountCents: number;
}

export class InvoiceCarrierDto {
  @ApiProperty({ description: 'Standard Carrier Alpha Code.', example: 'HJBT' })
  @Matches(/^[A-Z]{2,4}$/)
  scac: string;

  @ApiProperty({ description: 'Carrier name.', example: 'J.B. Hunt Transport' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class PostInvoiceRequestDto {
  @ApiProperty({
    description:
      "Lanegate's invoice id. Sent to the ERP as the external reference and the Idempotency-Key, so posting the " +
      'same id again never creates a second document.',
    example: 'INV-SHP-7781-v1',
  })
  @Matches(DOCUMENT_ID, { message: 'invoiceId must be 1 to 100 visible ASCII characters' })
  invoiceId: string;

  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  @IsString()
  @Length(1, 40)
  customerId: string;

  @ApiProperty({ description: "ISO 4217 currency; must be the customer's.", example: 'USD' })
  @Matches(/^[A-Z]{3}$/)
  currency: string;

  @ApiProperty({ description: 'Invoice date, ISO 8601 in UTC.', example: '2026-12-08T16:00:00Z' })
  @IsISO8601({ strict: true })
  issuedAt: string;

  @ApiPropertyOptional({ description: "The customer's purchase order number.", example: 'PO-88213' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  purchaseOrder?: string;

  @ApiProperty({ description: 'Invoice lines, 1 to 500.', type: [DocumentLineDto] })
  @ValidateNested({ each: true })
  @Type(() => DocumentLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  lines: DocumentLineDto[];

  @ApiProperty({ description: 'Tax in cents.', example: 6341 })
  @IsInt()
  @Min(0)
  taxCents: number;

  @ApiProperty({ description: 'Lines plus tax, in cents.', example: 107801 })
  @IsInt()
  @Min(0)
  totalCents: number;

  @ApiPropertyOptional({ description: 'Carrier that moved the shipment.', type: () => InvoiceCarrierDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceCarrierDto)
  carrier?: InvoiceCarrierDto;
}

export class PostCreditMemoRequestDto {
  @ApiProperty({
    description:
      "Lanegate's credit memo id. Sent to the ERP as the external reference and the Idempotency-Key, so posting " +
      'the same id again never creates a second document.',
    example: 'CM-SHP-7781-v1',
  })
  @Matches(DOCUMENT_ID, { message: 'creditMemoId must be 1 to 100 visible ASCII characters' })
  creditMemoId: string;

  @ApiProperty({ description: 'ERP document number of the invoice being credited.', example: 'INV-000123' })
  @IsString()
  @Length(1, 40)
  invoiceDocumentNumber: string;

  @ApiProperty({ description: 'Why the invoice is credited.', example: 'Rebill after reassignment changed the route.' })
  @IsString()
  @Length(1, 500)
  reason: string;

  @ApiProperty({ description: 'Credited lines (negative amounts), 1 to 500.', type: [DocumentLineDto] })
  @ValidateNested({ each: true })
  @Type(() => DocumentLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  lines: DocumentLineDto[];

  @ApiProperty({ description: 'Tax credited in cents, zero or negative.', example: -6341 })
  @IsInt()
  @Max(0)
  taxCents: number;

  @ApiProperty({ description: 'Lines plus tax in cents; negative.', example: -107801 })
  @IsInt()
  @Max(-1)
  totalCents: number;
}

export class PostedDocumentView {
  @ApiProperty({ description: "The ERP's document number.", example: 'INV-000123' })
  documentNumber: string;

  @ApiProperty({ description: 'Document type.', enum: ['invoice', 'credit_memo'], example: 'invoice' })
  type: 'invoice' | 'credit_memo';

  @ApiProperty({ description: "Lanegate's invoice or credit memo id.", example: 'INV-SHP-7781-v1' })
  externalReference: string;

  @ApiProperty({ description: 'Document status.', enum: ['posted'], example: 'posted' })
  status: 'posted';

  @ApiProperty({ description: 'When the ERP posted it, ISO 8601 in UTC.', example: '2026-12-08T16:00:02.117Z' })
  postedAt: string;

  @ApiProperty({ description: 'Document total in cents; negative for credit memos.', example: 107801 })
  totalCents: number;

  @ApiPropertyOptional({ description: 'For credit memos: the invoice credited.', example: 'INV-000123' })
  creditsDocumentNumber?: string;
}

export class ErpDocumentView {
  @ApiProperty({ description: "The ERP's document number.", example: 'INV-000123' })
  documentNumber: string;

  @ApiProperty({ description: 'Document type.', enum: ['invoice', 'credit_memo'], example: 'invoice' })
  type: 'invoice' | 'credit_memo';

  @ApiProperty({ description: "Lanegate's invoice or credit memo id.", example: 'INV-SHP-7781-v1' })
  externalReference: string;

  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  customerId: string;

  @ApiProperty({ description: 'ISO 4217 currency.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Document lines.', type: [DocumentLineDto] })
  lines: DocumentLineDto[];

  @ApiProperty({ description: 'Tax in cents.', example: 6341 })
  taxCents: number;

  @ApiProperty({ description: 'Total in cents; negative for credit memos.', example: 107801 })
  totalCents: number;

  @ApiProperty({ description: 'When the ERP posted it, ISO 8601 in UTC.', example: '2026-12-08T16:00:02.117Z' })
  postedAt: string;

  @ApiPropertyOptional({ description: 'For credit memos: the invoice credited.', example: 'INV-000123' })
  creditsDocumentNumber?: string;
}

export class ErpDocumentPageView {
  @ApiProperty({ description: 'Documents found, oldest first.', type: [ErpDocumentView] })
  items: ErpDocumentView[];

  @ApiProperty({ description: 'Documents matching, on every page.', example: 1 })
  total: number;
}

/** Either one external reference, or a posting range with paging. */
export class ErpDocumentQueryDto {
  @ApiPropertyOptional({
    description: 'Find the one document posted for this Lanegate id. Not combined with the range.',
    example: 'INV-SHP-7781-v1',
  })
  @IsOptional()
  @Matches(DOCUMENT_ID)
  externalReference?: string;

  @ApiPropertyOptional({ description: 'Posted at or after, ISO 8601 in UTC.', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  postedFrom?: string;

  @ApiPropertyOptional({ description: 'Posted strictly before, ISO 8601 in UTC.', example: '2026-12-08T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  postedTo?: string;

  @ApiPropertyOptional({ description: 'Page number of a range, from 1.', example: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ description: 'Documents per page of a range, 1 to 200.', example: 50, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
