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

const STOP_TYPES = ['pickup', 'delivery'] as const;

export class TenderStopDto {
  @ApiProperty({ description: 'Position of the stop on the route, from 1.', example: 1 })
  @IsInt()
  @Min(1)
  @Max(50)
  sequence: number;

  @ApiProperty({ description: 'What happens at the stop.', enum: STOP_TYPES, example: 'pickup' })
  @IsIn(STOP_TYPES)
  type: (typeof STOP_TYPES)[number];

  @ApiProperty({ description: 'Appointment at the stop, ISO 8601 in UTC.', example: '2026-12-07T14:00:00Z' })
  @IsISO8601({ strict: true })
  appointmentAt: string;

  @ApiPropertyOptional({ description: 'Facility name.', example: 'Midwest Paper DC' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'City.', example: 'Chicago' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  city?: string;

  @ApiPropertyOptional({ description: 'Two-letter state or province code.', example: 'IL' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  state?: string;

  @ApiPropertyOptional({ description: 'Postal code.', example: '60607' })
  @IsOptional()
  @IsString()
  @Length(3, 10)
  postalCode?: string;
}

export class TenderCarrierDto {
  @ApiProperty({ description: 'Standard Carrier Alpha Code.', example: 'SWFT' })
  @Matches(/^[A-Z]{2,4}$/)
  scac: string;

  @ApiProperty({ description: 'Carrier name.', example: 'Swift Transportation' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class TenderRequestDto {
  @ApiProperty({
    description:
      "The tender's id, sent to the platform as its idempotency key: tendering again with the same id never makes " +
      'a second tender.',
    example: 'TND-SHP-7c1e4a90-1',
  })
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'tenderId must be 1 to 100 visible ASCII characters' })
  tenderId: string;

  @ApiProperty({ description: 'Lanegate shipment tendered.', example: 'SHP-7c1e4a90' })
  @IsString()
  @Length(1, 128)
  shipmentId: string;

  @ApiPropertyOptional({
    description: 'Carrier the load is assigned to; left out, the platform offers it to its network.',
    type: () => TenderCarrierDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenderCarrierDto)
  carrier?: TenderCarrierDto;

  @ApiProperty({ description: 'Whole miles of the route.', example: 410 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  routeMiles: number;

  @ApiProperty({ description: 'Stops in route order, 2 to 20.', type: [TenderStopDto], minItems: 2, maxItems: 20 })
  @ValidateNested({ each: true })
  @Type(() => TenderStopDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  stops: TenderStopDto[];

  @ApiPropertyOptional({ description: 'Linehaul offered, in cents.', example: 116_850 })
  @IsOptional()
  @IsInt()
  @Min(0)
  rateCents?: number;

  @ApiProperty({ description: 'When the load is tendered, ISO 8601 UTC.', example: '2026-12-06T16:00:00Z' })
  @IsISO8601({ strict: true })
  tenderedAt: string;

  @ApiPropertyOptional({
    description: 'Deadline for the platform to accept, ISO 8601 UTC.',
    example: '2026-12-06T20:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  respondBy?: string;
}

export class TenderReceiptView {
  @ApiProperty({ description: "The tender's id.", example: 'TND-SHP-7c1e4a90-1' })
  tenderId: string;

  @ApiProperty({ description: 'Lanegate shipment tendered.', example: 'SHP-7c1e4a90' })
  shipmentId: string;

  @ApiProperty({ description: "The platform's id of the load it made of the tender.", example: 'PL-000001' })
  platformLoadId: string;

  @ApiProperty({ description: "The platform's answer.", example: 'accepted' })
  status: string;

  @ApiProperty({ description: 'When the platform first received the tender.', example: '2026-12-06T16:00:00.120Z' })
  receivedAt: string;

  @ApiProperty({
    description: 'The platform had the tender already (an earlier call, or an attempt whose answer was lost).',
    example: false,
  })
  repeated: boolean;
}
