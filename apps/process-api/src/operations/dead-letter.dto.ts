import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';

import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from '@lanegate/messaging';
import { PageQuery } from '@lanegate/platform';

export class DeadLetterQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only letters in this state.', enum: DEAD_LETTER_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;

  @ApiPropertyOptional({ description: 'Only events of this type.', example: 'lanegate.dispatch.arrived_stop.v1' })
  @IsOptional()
  @IsString()
  @Length(1, 160)
  type?: string;

  @ApiPropertyOptional({ description: 'Only letters that failed for this reason code.', example: 'STOP_UNKNOWN' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  reason?: string;

  @ApiPropertyOptional({ description: 'Only letters of this consumer.', example: 'process.shipment-status' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  consumer?: string;

  @ApiPropertyOptional({
    description: 'Only letters that first failed before this instant (ISO 8601), to find old ones.',
    example: '2026-12-03T12:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  failedBefore?: string;
}

export class DeadLetterView {
  @ApiProperty({ description: 'Dead letter id.', example: '5b0e3c1e-2f8a-4d5b-9a57-3b9f1f0f6a11' })
  id: string;

  @ApiProperty({ description: 'Consumer that gave up on the event.', example: 'process.shipment-status' })
  consumer: string;

  @ApiProperty({ description: 'Id of the event (its dedup key).', example: 'evt-01JEZ7K3QW6M8N2P4R5T7V9X1Y' })
  eventId: string;

  @ApiProperty({ description: 'Event type.', example: 'lanegate.dispatch.arrived_stop.v1' })
  type: string;

  @ApiProperty({ description: 'Shipment the event is about.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  subject: string;

  @ApiProperty({ description: 'Machine-readable failure reason.', example: 'STOP_UNKNOWN' })
  reason: string;

  @ApiProperty({ description: 'The last error, as logged.', example: 'stop 9 does not exist on this route' })
  error: string;

  @ApiProperty({ description: 'Attempts made so far.', example: 5 })
  attempts: number;

  @ApiProperty({ description: 'State of the letter.', enum: DEAD_LETTER_STATUSES, example: 'open' })
  status: DeadLetterStatus;

  @ApiProperty({ description: 'First failure (UTC).', example: '2026-12-03T19:30:00.000Z' })
  firstFailedAt: string;

  @ApiProperty({ description: 'Last failure (UTC).', example: '2026-12-03T19:31:10.000Z' })
  lastFailedAt: string;

  @ApiPropertyOptional({
    description: 'When it was replayed or discarded.',
    example: null,
    nullable: true,
    type: String,
  })
  resolvedAt: string | null;

  @ApiPropertyOptional({ description: 'Who replayed or discarded it.', example: null, nullable: true, type: String })
  resolvedBy: string | null;

  @ApiPropertyOptional({
    description: 'Why it was discarded, or the replay outcome.',
    example: null,
    nullable: true,
    type: String,
  })
  resolutionNote: string | null;
}

export class DeadLetterDetailView extends DeadLetterView {
  @ApiProperty({
    description: 'The whole CloudEvent as it was delivered.',
    example: {
      specversion: '1.0',
      id: 'evt-1',
      type: 'lanegate.dispatch.arrived_stop.v1',
      source: '/lanegate/system-api',
    },
    type: 'object',
    additionalProperties: true,
  })
  event: Record<string, unknown>;
}

export class DeadLetterPage {
  @ApiProperty({ description: 'Dead letters, oldest first.', type: [DeadLetterView] })
  items: DeadLetterView[];

  @ApiProperty({ description: 'Letters matching the filter.', example: 3 })
  total: number;
}

export class DiscardDeadLetterDto {
  @ApiProperty({
    description: 'Why the event is dropped; kept in the audit log.',
    example: 'Duplicate load, cancelled in the TMS.',
  })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ReplayManyDto {
  @ApiProperty({
    description: 'Dead letters to replay, in this order.',
    example: ['5b0e3c1e-2f8a-4d5b-9a57-3b9f1f0f6a11'],
    type: [String],
  })
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  ids: string[];
}

export class ReplayResultView {
  @ApiProperty({ description: 'Dead letter id.', example: '5b0e3c1e-2f8a-4d5b-9a57-3b9f1f0f6a11' })
  id: string;

  @ApiProperty({
    description: 'applied: the consumer took effect now; already_applied: it had before; failed: it failed again.',
    enum: ['applied', 'already_applied', 'failed', 'not_found', 'already_resolved'],
    example: 'applied',
  })
  outcome: string;

  @ApiPropertyOptional({
    description: 'The error when the replay failed.',
    example: 'stop 9 does not exist on this route',
  })
  error?: string;
}

export class ReplayManyView {
  @ApiProperty({ description: 'One result per requested id, in order.', type: [ReplayResultView] })
  results: ReplayResultView[];
}
