import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

import { PageQuery } from '@lanegate/platform';

import { IsCustomerId } from '../shipments/shipment.dto.js';

export class TimelineQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      "Only if the shipment belongs to this customer; another customer's shipment answers 404 as if it did not exist.",
    example: 'C-1001',
  })
  @IsOptional()
  @IsCustomerId()
  customerId?: string;

  @ApiPropertyOptional({
    description: 'Only entries of this kind, e.g. `status.changed`; `total` then counts those entries.',
    example: 'status.changed',
  })
  @IsOptional()
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'kind must be a dotted lower-case entry kind' })
  kind?: string;
}

export class TimelineEntryView {
  @ApiProperty({ description: 'Position in the timeline; entries read in this order.', example: '42' })
  position: string;

  @ApiProperty({ description: 'When it was recorded (UTC).', example: '2026-12-08T09:50:01.120Z' })
  at: string;

  @ApiProperty({
    description:
      'What kind of entry: `shipment.created`, `dispatch_event.received` (with the decision: applied, rejected, ' +
      'duplicate or parked), `dispatch_event.redecided` (a later event changed an earlier decision, or a parked ' +
      'event applied), `status.changed`, and the charge and ERP entries billing and invoicing write.',
    example: 'dispatch_event.received',
  })
  kind: string;

  @ApiProperty({ description: 'One sentence for people.', example: 'arrived_stop from acme-tms: applied' })
  summary: string;

  @ApiProperty({
    description: "The entry's facts; for dispatch events the event id, kind, sequence and the projection's decision.",
    example: {
      eventId: 'tms-evt-88231',
      kind: 'arrived_stop',
      sequence: 7,
      occurredAt: '2026-12-08T09:50:00.000Z',
      decision: { outcome: 'applied' },
    },
    type: 'object',
    additionalProperties: true,
  })
  details: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Correlation id of the request or event that caused it.',
    example: 'order-7781',
    type: String,
    nullable: true,
  })
  correlationId: string | null;

  @ApiPropertyOptional({
    description: 'Who or what caused it: a dispatch platform, `ops`, `process-api`, `billing`, `erp`.',
    example: 'acme-tms',
    type: String,
    nullable: true,
  })
  source: string | null;
}

export class ShipmentTimelinePage {
  @ApiProperty({ description: 'Shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'Entries on this page, oldest first.', type: [TimelineEntryView] })
  items: TimelineEntryView[];

  @ApiProperty({ description: 'Number of entries in the whole timeline.', example: 12 })
  total: number;

  @ApiProperty({ description: 'Page number, from 1.', example: 1 })
  page: number;

  @ApiProperty({ description: 'Page size.', example: 25 })
  pageSize: number;
}
