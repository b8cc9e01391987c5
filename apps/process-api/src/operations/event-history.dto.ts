import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

export class HistoricEventView {
  @ApiProperty({ description: 'Position in the layer’s event history.', example: '1042' })
  position: string;

  @ApiProperty({ description: 'Event id (the dedup key).', example: '8d8a3c1e-2f8a-4d5b-9a57-3b9f1f0f6a11' })
  id: string;

  @ApiProperty({ description: 'Versioned event type.', example: 'lanegate.shipment.created.v1' })
  type: string;

  @ApiProperty({ description: 'When the fact happened (UTC).', example: '2026-12-03T19:30:00.000Z' })
  time: string;

  @ApiProperty({ description: 'Correlation id carried from the originating request.', example: 'order-7781' })
  correlationId: string;

  @ApiPropertyOptional({
    description: 'Position of the event in its shipment’s stream.',
    example: 3,
    nullable: true,
    type: Number,
  })
  sequence: number | null;

  @ApiPropertyOptional({
    description: 'When the event left the outbox; null while it waits.',
    example: '2026-12-03T19:30:00.120Z',
    nullable: true,
    type: String,
  })
  publishedAt: string | null;

  @ApiProperty({
    description: 'The event’s data.',
    example: { customerId: 'C-1001' },
    type: 'object',
    additionalProperties: true,
  })
  data: Record<string, unknown>;
}

export class ShipmentEventsView {
  @ApiProperty({ description: 'Shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'Its events, oldest first.', type: [HistoricEventView] })
  events: HistoricEventView[];
}

export class RedriveRequestDto {
  @ApiProperty({ description: 'Consumer to re-drive.', example: 'process.shipment-status' })
  @IsString()
  @Length(1, 80)
  consumer: string;

  @ApiPropertyOptional({
    description: 'Only this shipment’s events.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  subject?: string;

  @ApiPropertyOptional({ description: 'Only this type, or a prefix ending in a dot.', example: 'lanegate.dispatch.' })
  @IsOptional()
  @Matches(/^lanegate\.[a-z0-9_.]+$/, { message: 'type must be a Lanegate event type or a prefix ending in a dot' })
  type?: string;

  @ApiPropertyOptional({
    description: 'Events that happened at or after this instant.',
    example: '2026-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Events that happened before this instant.', example: '2026-12-04T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class RedriveView {
  @ApiProperty({ description: 'Consumer re-driven.', example: 'process.shipment-status' })
  consumer: string;

  @ApiProperty({ description: 'Events the consumer took effect of again.', example: 42 })
  redriven: number;

  @ApiProperty({ description: 'Ids of events that failed during the re-drive.', example: [], type: [String] })
  failed: string[];
}
