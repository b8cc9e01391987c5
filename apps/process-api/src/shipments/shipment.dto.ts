import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { SHIPMENT_STATUSES, type ShipmentStatus } from '@lanegate/domain';
import { PageQuery } from '@lanegate/platform';

export const STOP_KINDS = ['pickup', 'delivery'] as const;

export class StopDto {
  @ApiProperty({ description: 'Whether freight is picked up or delivered here.', enum: STOP_KINDS, example: 'pickup' })
  @IsIn(STOP_KINDS)
  kind: (typeof STOP_KINDS)[number];

  @ApiProperty({ description: 'Facility name.', example: 'Midwest Paper DC' })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ description: 'City.', example: 'Chicago' })
  @IsString()
  @Length(1, 80)
  city: string;

  @ApiProperty({ description: 'State or province code.', example: 'IL' })
  @Matches(/^[A-Z]{2,3}$/, { message: 'region must be a 2 or 3 letter upper-case code' })
  region: string;

  @ApiProperty({ description: 'Postal code.', example: '60607' })
  @IsString()
  @Length(3, 12)
  postalCode: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code.', example: 'US' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiProperty({ description: 'Appointment time, ISO 8601 in UTC.', example: '2026-12-07T14:00:00Z' })
  @IsISO8601({ strict: true })
  appointmentAt: string;
}

export class CreateShipmentDto {
  @ApiProperty({ description: 'The ERP customer (shipper) who pays for the move.', example: 'C-1001' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/, { message: 'customerId must be 1-40 upper-case letters, digits or dashes' })
  customerId: string;

  @ApiPropertyOptional({ description: "The customer's purchase order number.", example: 'PO-88123' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  purchaseOrder?: string;

  @ApiPropertyOptional({ description: 'Planned route miles.', example: 410, minimum: 1, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  routeMiles?: number;

  @ApiProperty({
    description: 'Stops in route order: the first is a pickup, the last a delivery.',
    type: [StopDto],
    minItems: 2,
    maxItems: 20,
  })
  @ValidateNested({ each: true })
  @Type(() => StopDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  stops: StopDto[];
}

export class ShipmentStopView extends StopDto {
  @ApiProperty({ description: 'Position of the stop on the route, from 1.', example: 1 })
  sequence: number;
}

export class ShipmentView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-01JEZ7K3QW6M8N2P4R5T7V9X1Y' })
  id: string;

  @ApiProperty({ description: 'The ERP customer (shipper).', example: 'C-1001' })
  customerId: string;

  @ApiProperty({ description: 'Canonical shipment status.', enum: SHIPMENT_STATUSES, example: 'created' })
  status: ShipmentStatus;

  @ApiPropertyOptional({
    description: "The customer's purchase order number.",
    example: 'PO-88123',
    type: String,
    nullable: true,
  })
  purchaseOrder: string | null;

  @ApiPropertyOptional({ description: 'Planned route miles.', example: 410, type: Number, nullable: true })
  routeMiles: number | null;

  @ApiProperty({ description: 'Stops in route order.', type: [ShipmentStopView] })
  stops: ShipmentStopView[];

  @ApiProperty({ description: 'Correlation id of the request that created the shipment.', example: 'order-7781' })
  correlationId: string;

  @ApiProperty({ description: 'Optimistic-concurrency version.', example: 1 })
  version: number;

  @ApiProperty({ description: 'When the shipment was created (UTC).', example: '2026-12-03T19:30:00.000Z' })
  createdAt: string;
}

export class ShipmentPage {
  @ApiProperty({ description: 'Shipments on this page, newest first.', type: [ShipmentView] })
  items: ShipmentView[];

  @ApiProperty({ description: 'Number of shipments matching the filter.', example: 42 })
  total: number;

  @ApiProperty({ description: 'Page number, from 1.', example: 1 })
  page: number;

  @ApiProperty({ description: 'Page size.', example: 25 })
  pageSize: number;
}

export class ListShipmentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only shipments of this customer.', example: 'C-1001' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,39}$/, { message: 'customerId must be 1-40 upper-case letters, digits or dashes' })
  customerId?: string;

  @ApiPropertyOptional({
    description: 'Only shipments in this canonical status.',
    enum: SHIPMENT_STATUSES,
    example: 'delivered',
  })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES)
  status?: ShipmentStatus;
}

export class StatusCountsView {
  @ApiProperty({
    description: 'Number of shipments per canonical status; every status is present.',
    example: { created: 3, dispatched: 2, in_transit: 5, delivered: 1 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  counts: Record<string, number>;
}
