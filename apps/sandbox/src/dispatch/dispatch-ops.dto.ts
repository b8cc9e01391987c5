import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';

import { TenderRecordView } from './dispatch-tenders.dto.js';

export class DelayRangeDto {
  @ApiProperty({ description: 'Shortest extra delay before a message, in milliseconds.', example: 0 })
  @IsInt()
  @Min(0)
  @Max(60_000)
  min: number;

  @ApiProperty({ description: 'Longest extra delay before a message, in milliseconds; at least `min`.', example: 250 })
  @IsInt()
  @Min(0)
  @Max(60_000)
  max: number;
}

/** Faults to change; fields left out keep their current value. */
export class UpdateDispatchFaultsDto {
  @ApiPropertyOptional({
    description: 'Fraction of messages delivered twice (same webhook-id and body), 0 to 1.',
    example: 0.2,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  duplicateRate?: number;

  @ApiPropertyOptional({ description: 'Fraction of messages swapped with the one after them, 0 to 1.', example: 0.2 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  reorderRate?: number;

  @ApiPropertyOptional({
    description: 'Extra delay before each message, drawn from the range.',
    type: () => DelayRangeDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DelayRangeDto)
  delayMs?: DelayRangeDto;

  @ApiPropertyOptional({
    description:
      'Delay before a recorded tender is answered, in milliseconds (a caller that times out meanwhile ' +
      'does not know the tender arrived).',
    example: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  tenderLatencyMs?: number;

  @ApiPropertyOptional({ description: 'Fraction of tenders answered 503 before being recorded, 0 to 1.', example: 0.1 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  tenderErrorRate?: number;

  @ApiPropertyOptional({ description: 'Answer the next this-many tenders 503, whatever the error rate.', example: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000)
  failNextTenders?: number;

  @ApiPropertyOptional({ description: '`Retry-After` of a tender answered 503, in seconds.', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_600)
  tenderRetryAfterSeconds?: number;
}

export class DispatchFaultsDto {
  @ApiProperty({ description: 'Fraction of messages delivered twice.', example: 0 })
  duplicateRate: number;

  @ApiProperty({ description: 'Fraction of messages swapped with the one after them.', example: 0 })
  reorderRate: number;

  @ApiProperty({ description: 'Extra delay before each message.', type: () => DelayRangeDto })
  delayMs: DelayRangeDto;

  @ApiProperty({ description: 'Delay before a recorded tender is answered, in milliseconds.', example: 0 })
  tenderLatencyMs: number;

  @ApiProperty({ description: 'Fraction of tenders answered 503 before being recorded.', example: 0 })
  tenderErrorRate: number;

  @ApiProperty({ description: 'Tenders still to be answered 503 whatever the error rate.', example: 0 })
  failNextTenders: number;

  @ApiProperty({ description: '`Retry-After` of a tender answered 503, in seconds.', example: 1 })
  tenderRetryAfterSeconds: number;
}

export class MessageCountsDto {
  @ApiProperty({ description: 'Not sent yet.', example: 0 })
  pending: number;

  @ApiProperty({ description: 'Answered 2xx.', example: 118 })
  delivered: number;

  @ApiProperty({ description: 'Refused, or never answered after every try.', example: 0 })
  failed: number;

  @ApiProperty({ description: "Not expressible in the load's format.", example: 6 })
  skipped: number;
}

export class DispatchStatsDto {
  @ApiProperty({ description: 'Loads started since the last reset.', example: 12 })
  loads: number;

  @ApiProperty({ description: 'Messages by status.', type: () => MessageCountsDto })
  messages: MessageCountsDto;

  @ApiProperty({
    description: "Answers to the platform's sends by HTTP status (`error` when none came).",
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { '200': 10, '202': 108 },
  })
  answers: Record<string, number>;

  @ApiProperty({ description: 'Messages sent twice on purpose.', example: 9 })
  duplicatesSent: number;

  @ApiProperty({ description: 'Messages sent out of order on purpose.', example: 14 })
  reordered: number;

  @ApiProperty({ description: 'Distinct tenders received.', example: 3 })
  tenders: number;

  @ApiProperty({ description: 'Repeats of tenders already received.', example: 1 })
  tenderRepeats: number;

  @ApiProperty({ description: 'Tenders answered 503 by the faults.', example: 2 })
  tendersRefused: number;
}

export class TenderListDto {
  @ApiProperty({ description: 'Every distinct tender received, oldest first.', type: [TenderRecordView] })
  items: TenderRecordView[];
}
