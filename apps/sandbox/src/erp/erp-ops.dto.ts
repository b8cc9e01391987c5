import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';

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
