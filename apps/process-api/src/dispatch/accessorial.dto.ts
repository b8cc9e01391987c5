import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min } from 'class-validator';

import { type AccessorialKind, SUBMITTED_ACCESSORIAL_KINDS } from '@lanegate/domain';

const CURRENCY = /^[A-Z]{3}$/;
const MAX_CENTS = 100_000_000;

export class SubmitAccessorialDto {
  @ApiPropertyOptional({
    description: 'Id of the accessorial request, stable across its approval or rejection; created when omitted.',
    example: 'ACC-7781-lumper',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/, {
    message: 'accessorialId must be 1-80 letters, digits, dots, colons, underscores or dashes',
  })
  accessorialId?: string;

  @ApiProperty({ description: 'The kind of accessorial charge.', enum: SUBMITTED_ACCESSORIAL_KINDS, example: 'lumper' })
  @IsIn(SUBMITTED_ACCESSORIAL_KINDS)
  kind: AccessorialKind;

  @ApiProperty({ description: 'Amount asked for, in integer cents.', example: 18500, minimum: 0, maximum: MAX_CENTS })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amountCents: number;

  @ApiProperty({ description: 'ISO 4217 currency code.', example: 'USD' })
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code of 3 upper-case letters' })
  currency: string;

  @ApiPropertyOptional({ description: 'What the charge is for.', example: 'Lumper at Buckeye Grocers, receipt 5521' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;

  @ApiPropertyOptional({
    description: 'Where the receipt is kept.',
    example: 'https://docs.acme-tms.example/receipts/5521.pdf',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  receiptUrl?: string;
}

export class ApproveAccessorialDto {
  @ApiProperty({
    description: 'Approved amount in integer cents; may differ from the amount submitted.',
    example: 17500,
    minimum: 0,
    maximum: MAX_CENTS,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amountCents: number;

  @ApiProperty({ description: 'ISO 4217 currency code; must be the currency submitted.', example: 'USD' })
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code of 3 upper-case letters' })
  currency: string;

  @ApiPropertyOptional({ description: 'Why, for the record.', example: 'Receipt checked; handling fee not agreed' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class RejectAccessorialDto {
  @ApiProperty({ description: 'Why the charge is refused.', example: 'No lumper receipt attached' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @Length(1, 500)
  reason: string;
}

export class AccessorialEventAcceptedView {
  @ApiProperty({
    description: 'Id of the dispatch event that carries the request or decision.',
    example: 'ops-4b1d2e0a-9c3f-4f7e-8d21-0e6a5c9b7f13',
  })
  eventId: string;

  @ApiProperty({ description: 'Shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'Id of the accessorial request.', example: 'ACC-7781-lumper' })
  accessorialId: string;

  @ApiProperty({
    description: 'Kind of the dispatch event; it takes effect shortly, and its decision shows on the timeline.',
    enum: ['accessorial_submitted', 'accessorial_approved', 'accessorial_rejected'],
    example: 'accessorial_approved',
  })
  kind: 'accessorial_submitted' | 'accessorial_approved' | 'accessorial_rejected';
}
