import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';

import { DISPATCH_EVENT_KINDS, type DispatchEventKind } from '@lanegate/domain';

/** One canonical dispatch event: the shape the TMS adapter emits and dispatch vendors may send directly. */
export class DispatchEventDto {
  @ApiProperty({
    description: 'Unique id of the event; the dedup key. A repeat with the same id is acknowledged without effect.',
    example: 'tms-evt-88231',
  })
  @IsString()
  @Length(1, 128)
  eventId: string;

  @ApiProperty({
    description: 'Lanegate shipment the event is about.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  @IsString()
  @Length(1, 128)
  shipmentId: string;

  @ApiProperty({ description: 'What happened.', enum: DISPATCH_EVENT_KINDS, example: 'arrived_stop' })
  @IsIn(DISPATCH_EVENT_KINDS)
  kind: DispatchEventKind;

  @ApiProperty({ description: 'When it happened, ISO 8601 in UTC.', example: '2026-12-08T09:50:00Z' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional({
    description: "Position of the event in the shipment's own stream; orders late events into their place.",
    example: 7,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  sequence?: number;

  @ApiProperty({ description: 'The dispatch platform that reported it.', example: 'acme-tms' })
  @IsString()
  @Length(1, 80)
  source: string;

  @ApiPropertyOptional({ description: "The platform's own id for the message.", example: 'AT7-000123' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  vendorEventId?: string;

  @ApiProperty({
    description:
      "The kind's payload, as the event catalog (AsyncAPI document) describes for `lanegate.dispatch.<kind>.v1`.",
    example: { stopSequence: 2 },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  data: Record<string, unknown>;
}

export class DispatchEventBatchDto {
  @ApiProperty({ description: 'Up to 500 events, in any order.', type: [DispatchEventDto], minItems: 1, maxItems: 500 })
  @ValidateNested({ each: true })
  @Type(() => DispatchEventDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  events: DispatchEventDto[];
}

export class DispatchEventsAcceptedView {
  @ApiProperty({ description: 'Events stored now; they take effect shortly.', example: 3 })
  accepted: number;

  @ApiProperty({
    description: 'Events already received before (same event id); acknowledged without effect.',
    example: 1,
  })
  duplicates: number;

  @ApiProperty({ description: 'Ids of the events stored now.', example: ['tms-evt-88231'], type: [String] })
  acceptedEventIds: string[];
}
