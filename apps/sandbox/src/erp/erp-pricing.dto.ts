import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErpPlaceDto {
  @ApiProperty({ description: 'City.', example: 'Chicago' })
  city: string;

  @ApiProperty({ description: 'State or province code.', example: 'IL' })
  region: string;
}

export class ErpDetentionTermsDto {
  @ApiProperty({ description: 'Free waiting time per stop, in minutes.', example: 120 })
  freeMinutes: number;

  @ApiProperty({ description: 'Billable time is rounded up to this many minutes.', example: 15 })
  incrementMinutes: number;

  @ApiProperty({ description: 'Price per hour past the free time, in cents.', example: 6000 })
  hourlyRateCents: number;

  @ApiProperty({ description: 'Most detention billed per stop, in cents.', example: 48000 })
  capCents: number;
}

export class ErpAccessorialPriceDto {
  @ApiProperty({
    description: 'Accessorial kind.',
    enum: ['lumper', 'layover', 'tonu', 'stop_off', 'driver_assist'],
    example: 'lumper',
  })
  kind: string;

  @ApiProperty({ description: 'Contract price in cents.', example: 25000 })
  priceCents: number;

  @ApiProperty({ description: 'Whether the customer must approve it before it is invoiced.', example: true })
  requiresApproval: boolean;
}

export class ErpLaneDto {
  @ApiProperty({ description: 'Lane id within the contract.', example: 'LN-1001-01' })
  laneId: string;

  @ApiProperty({ description: 'Where the lane starts.', type: () => ErpPlaceDto })
  origin: ErpPlaceDto;

  @ApiProperty({ description: 'Where the lane ends.', type: () => ErpPlaceDto })
  destination: ErpPlaceDto;

  @ApiProperty({ description: 'How linehaul is priced.', enum: ['per_mile', 'flat'], example: 'per_mile' })
  rateType: string;

  @ApiPropertyOptional({ description: 'Linehaul per route mile in cents, for per-mile lanes.', example: 285 })
  rateCentsPerMile?: number;

  @ApiPropertyOptional({ description: 'Linehaul per shipment in cents, for flat lanes.', example: 95000 })
  flatCents?: number;

  @ApiProperty({ description: 'Detention terms at every stop of the lane.', type: () => ErpDetentionTermsDto })
  detention: ErpDetentionTermsDto;

  @ApiProperty({ description: 'Accessorial price list.', type: [ErpAccessorialPriceDto] })
  accessorials: ErpAccessorialPriceDto[];
}

export class ErpContractDto {
  @ApiProperty({ description: 'Contract id.', example: 'CTR-2026-1001' })
  id: string;

  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  customerId: string;

  @ApiProperty({ description: 'ISO 4217 currency of every price in the contract.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Lanes the contract prices.', type: [ErpLaneDto] })
  lanes: ErpLaneDto[];
}

export class FuelSurchargeBandDto {
  @ApiProperty({ description: 'Lowest diesel price of the band, cents per gallon, inclusive.', example: 400 })
  minDieselCents: number;

  @ApiProperty({ description: 'Highest diesel price of the band, cents per gallon, inclusive.', example: 409 })
  maxDieselCents: number;

  @ApiProperty({ description: 'Surcharge per route mile, in cents.', example: 50 })
  surchargeCentsPerMile: number;
}

export class FuelSurchargeTableDto {
  @ApiProperty({ description: 'Bands in ascending order of diesel price.', type: [FuelSurchargeBandDto] })
  bands: FuelSurchargeBandDto[];
}

export class DieselPriceDto {
  @ApiProperty({ description: 'Monday the weekly national average was published (YYYY-MM-DD).', example: '2026-12-07' })
  weekOf: string;

  @ApiProperty({ description: 'Price in cents per gallon.', example: 399 })
  dieselCents: number;
}

export class FuelSurchargeDto {
  @ApiProperty({ description: 'The fuel surcharge table.', type: () => FuelSurchargeTableDto })
  table: FuelSurchargeTableDto;

  @ApiProperty({ description: 'Weekly diesel prices, oldest first.', type: [DieselPriceDto] })
  dieselPrices: DieselPriceDto[];
}
