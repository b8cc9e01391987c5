import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PlaceView {
  @ApiProperty({ description: 'City.', example: 'Chicago' })
  city: string;

  @ApiProperty({ description: 'State or province code.', example: 'IL' })
  region: string;
}

export class DetentionTermsView {
  @ApiProperty({ description: 'Waiting time at a stop that is not billed, in minutes.', example: 120 })
  freeMinutes: number;

  @ApiProperty({ description: 'Billing increment past the free time, in minutes.', example: 15 })
  incrementMinutes: number;

  @ApiProperty({ description: 'Detention rate per hour in cents.', example: 6000 })
  hourlyRateCents: number;

  @ApiProperty({ description: 'Most detention billed per stop, in cents.', example: 48000 })
  capCents: number;
}

export class AccessorialPriceView {
  @ApiProperty({ description: 'Accessorial kind.', example: 'lumper' })
  kind: string;

  @ApiProperty({ description: 'Agreed price in cents.', example: 17500 })
  priceCents: number;

  @ApiProperty({ description: 'Whether the charge holds billing until approved.', example: true })
  requiresApproval: boolean;
}

export class ContractLaneView {
  @ApiProperty({ description: 'Lane id in the contract.', example: 'CHI-CMH' })
  laneId: string;

  @ApiProperty({ description: 'Where the lane starts.', type: () => PlaceView })
  origin: PlaceView;

  @ApiProperty({ description: 'Where the lane ends.', type: () => PlaceView })
  destination: PlaceView;

  @ApiProperty({ description: 'How linehaul is priced.', enum: ['per_mile', 'flat'], example: 'per_mile' })
  rateType: 'per_mile' | 'flat';

  @ApiPropertyOptional({ description: 'Linehaul per mile in cents, for per-mile lanes.', example: 285 })
  rateCentsPerMile?: number;

  @ApiPropertyOptional({ description: 'Linehaul per load in cents, for flat lanes.', example: 95000 })
  flatCents?: number;

  @ApiProperty({ description: 'Detention terms on the lane.', type: () => DetentionTermsView })
  detention: DetentionTermsView;

  @ApiProperty({ description: 'Accessorial prices on the lane.', type: [AccessorialPriceView] })
  accessorials: AccessorialPriceView[];
}

export class ContractView {
  @ApiProperty({ description: 'ERP contract id.', example: 'K-2026-1001' })
  id: string;

  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  customerId: string;

  @ApiProperty({ description: 'ISO 4217 currency of the rates.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Lanes the contract prices.', type: [ContractLaneView] })
  lanes: ContractLaneView[];
}
