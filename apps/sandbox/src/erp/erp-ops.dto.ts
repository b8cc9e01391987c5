import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { CarrierDto, ErpDocumentDto } from './erp-documents.dto.js';

export class MaintenanceWindowDto {
  @ApiProperty({ description: 'Start of the window, ISO 8601.', example: '2026-12-08T02:00:00Z' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({
    description: 'End of the window (exclusive), ISO 8601; after `startsAt`.',
    example: '2026-12-08T02:30:00Z',
  })
  @IsISO8601({ strict: true })
  endsAt: string;
}

/** Faults to change; fields left out keep their current value. */
export class PostingRejectionDto {
  @ApiProperty({ description: "The ERP's error code.", example: 'PERIOD_CLOSED' })
  @Matches(/^[A-Z][A-Z0-9_]{2,59}$/, { message: 'code must be 3 to 60 capitals, digits and underscores' })
  code: string;

  @ApiProperty({
    description: "The ERP's explanation.",
    example: 'Accounting period 2026-12 is closed for posting.',
  })
  @IsString()
  @Length(1, 500)
  detail: string;
}

export class UpdateErpFaultsDto {
  @ApiPropertyOptional({ description: 'Calls admitted in any sliding one-second window.', example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  quotaPerSecond?: number;

  @ApiPropertyOptional({ description: 'Delay added to every answer, in milliseconds.', example: 250 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  latencyMs?: number;

  @ApiPropertyOptional({ description: 'Fraction of admitted calls answered with a 500, 0 to 1.', example: 0.1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  errorRate?: number;

  @ApiPropertyOptional({
    description: 'Maintenance window answering 503 to every call; null removes it.',
    type: () => MaintenanceWindowDto,
    nullable: true,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MaintenanceWindowDto)
  maintenance?: MaintenanceWindowDto | null;

  @ApiPropertyOptional({ description: 'Lifetime of tokens issued from now on, in seconds.', example: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  tokenTtlSeconds?: number;

  @ApiPropertyOptional({
    description: 'Refuse every new invoice posting with this 422 (a closed accounting period); null ends it.',
    type: () => PostingRejectionDto,
    nullable: true,
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @ValidateNested()
  @Type(() => PostingRejectionDto)
  postingRejection?: PostingRejectionDto | null;
}

export class ErpFaultsDto {
  @ApiProperty({ description: 'Calls admitted in any sliding one-second window.', example: 20 })
  quotaPerSecond: number;

  @ApiProperty({ description: 'Delay added to every answer, in milliseconds.', example: 0 })
  latencyMs: number;

  @ApiProperty({ description: 'Fraction of admitted calls answered with a 500.', example: 0 })
  errorRate: number;

  @ApiProperty({ description: 'Maintenance window, if any.', type: () => MaintenanceWindowDto, nullable: true })
  maintenance: MaintenanceWindowDto | null;

  @ApiProperty({ description: 'Lifetime of newly issued tokens, in seconds.', example: 900 })
  tokenTtlSeconds: number;

  @ApiProperty({
    description: 'The refusal every new invoice posting gets, if any.',
    type: () => PostingRejectionDto,
    nullable: true,
  })
  postingRejection: PostingRejectionDto | null;
}

/** Master-data changes an ERP user makes to a customer account. */
export class UpdateErpCustomerDto {
  @ApiPropertyOptional({ description: 'Account status.', enum: ['active', 'on_hold', 'inactive'], example: 'on_hold' })
  @IsOptional()
  @IsIn(['active', 'on_hold', 'inactive'])
  status?: 'active' | 'on_hold' | 'inactive';

  @ApiPropertyOptional({ description: 'Credit limit in cents.', example: 25_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  creditLimitCents?: number;

  @ApiPropertyOptional({ description: 'Whether invoices need a PO number.', example: true })
  @IsOptional()
  @IsBoolean()
  poRequired?: boolean;

  @ApiPropertyOptional({
    description: "Whether the ERP's tax engine rejects the customer's tax quotes and invoices (broken tax data).",
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  rejectsTax?: boolean;
}

export class ErpCustomerRecordDto {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  id: string;

  @ApiProperty({ description: 'Account status.', enum: ['active', 'on_hold', 'inactive'], example: 'active' })
  status: 'active' | 'on_hold' | 'inactive';

  @ApiProperty({ description: 'Credit limit in cents.', example: 50_000_000 })
  creditLimitCents: number;

  @ApiProperty({ description: 'Whether invoices need a PO number.', example: false })
  poRequired: boolean;

  @ApiProperty({ description: "Whether the ERP's tax engine rejects the customer.", example: false })
  rejectsTax: boolean;
}

export class ErpStatsDto {
  @ApiProperty({ description: 'The tenant the sandbox ERP serves.', example: 'lanegate-demo-tenant' })
  tenant: string;

  @ApiProperty({
    description: 'Answers by operation and status.',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'POST /invoices 201': 12, 'POST /invoices 200': 1, 'GET /customers/{customerId} 429': 3 },
  })
  calls: Record<string, number>;

  @ApiProperty({ description: 'Answers refused by the quota.', example: 3 })
  served429: number;

  @ApiProperty({ description: 'Answers refused by a maintenance window.', example: 0 })
  served503: number;

  @ApiProperty({ description: 'Internal errors answered.', example: 0 })
  served500: number;

  @ApiProperty({ description: 'Invoices and credit memos held.', example: 12 })
  documents: number;
}

/** A document with what the ERP keeps beside it. */
export class HeldDocumentDto extends ErpDocumentDto {
  @ApiPropertyOptional({ description: 'Idempotency-Key it was posted with.', example: 'inv-7781-v1' })
  idempotencyKey?: string;

  @ApiPropertyOptional({ description: 'Invoice date given by the caller.', example: '2026-12-08T16:00:00Z' })
  issuedAt?: string;

  @ApiPropertyOptional({ description: "Customer's purchase order number.", example: 'PO-88213' })
  purchaseOrder?: string;

  @ApiPropertyOptional({ description: 'Carrier named on the invoice.', type: () => CarrierDto })
  carrier?: CarrierDto;

  @ApiPropertyOptional({ description: 'Reason given for a credit memo.', example: 'Rebill after reassignment.' })
  reason?: string;
}

export class HeldDocumentsDto {
  @ApiProperty({ description: 'Every invoice and credit memo held, oldest first.', type: [HeldDocumentDto] })
  items: HeldDocumentDto[];
}
