import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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

import { LoadCarrierDto, LoadStopDto } from './dispatch-loads.dto.js';

/** A load offered (or assigned, when it names the carrier) to the dispatch platform. */
export class TenderRequestDto {
  @ApiProperty({
    description: "The shipper's id of the tender; a repeat with the same id is the same tender.",
    example: 'TND-SHP-7c1e4a90-1',
  })
  @Matches(/^[\x21-\x7e]{1,100}$/)
  tenderId: string;

  @ApiProperty({ description: 'Lanegate shipment tendered.', example: 'SHP-7c1e4a90' })
  @IsString()
  @Length(1, 128)
  shipmentId: string;

  @ApiPropertyOptional({
    description: 'Carrier the load is assigned to; left out, the platform offers it to its network.',
    type: () => LoadCarrierDto,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LoadCarrierDto)
  carrier?: LoadCarrierDto;

  @ApiProperty({ description: 'Whole miles of the route.', example: 410 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  routeMiles: number;

  @ApiProperty({ description: 'Stops in route order, 2 to 20.', type: [LoadStopDto], minItems: 2, maxItems: 20 })
  @ValidateNested({ each: true })
  @Type(() => LoadStopDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  stops: LoadStopDto[];

  @ApiPropertyOptional({ description: 'Linehaul offered, in cents.', example: 116_850 })
  @IsOptional()
  @IsInt()
  @Min(0)
  rateCents?: number;

  @ApiProperty({ description: 'When the load was tendered, ISO 8601 UTC.', example: '2026-12-06T16:00:00Z' })
  @IsISO8601({ strict: true })
  tenderedAt: string;

  @ApiPropertyOptional({ description: 'Deadline for accepting, ISO 8601 UTC.', example: '2026-12-06T20:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  respondBy?: string;
}

export class TenderReceiptDto {
  @ApiProperty({ description: "The shipper's id of the tender.", example: 'TND-SHP-7c1e4a90-1' })
  tenderId: string;

  @ApiProperty({ description: "The platform's id of the load it created for the tender.", example: 'PL-000001' })
  platformLoadId: string;

  @ApiProperty({ description: 'The sandbox accepts every tender it records.', enum: ['accepted'], example: 'accepted' })
  status: 'accepted';

  @ApiProperty({ description: 'When the tender first arrived.', example: '2026-12-06T16:00:00.120Z' })
  receivedAt: string;
}

export class TenderRecordView extends TenderReceiptDto {
  @ApiProperty({ description: 'Lanegate shipment tendered.', example: 'SHP-7c1e4a90' })
  shipmentId: string;

  @ApiProperty({ description: 'Times the tender arrived; repeats after the first changed nothing.', example: 1 })
  receipts: number;

  @ApiProperty({
    description: 'Idempotency-Key headers the tender arrived with.',
    type: [String],
    example: ['TND-SHP-7c1e4a90-1'],
  })
  idempotencyKeys: string[];

  @ApiProperty({
    description: 'The tender as first received.',
    type: 'object',
    additionalProperties: true,
    example: { tenderId: 'TND-SHP-7c1e4a90-1', shipmentId: 'SHP-7c1e4a90', routeMiles: 410 },
  })
  tender: Record<string, unknown>;
}
