import { ApiProperty } from '@nestjs/swagger';

export class FuelSurchargeBandView {
  @ApiProperty({ description: 'Lowest diesel price of the band, in cents per gallon (inclusive).', example: 350 })
  minDieselCents: number;

  @ApiProperty({ description: 'Highest diesel price of the band, in cents per gallon (exclusive).', example: 375 })
  maxDieselCents: number;

  @ApiProperty({ description: 'Surcharge per mile in cents within the band.', example: 42 })
  surchargeCentsPerMile: number;
}

export class FuelSurchargeTableView {
  @ApiProperty({ description: 'Bands of the table, by diesel price.', type: [FuelSurchargeBandView] })
  bands: FuelSurchargeBandView[];
}

export class DieselPriceView {
  @ApiProperty({ description: 'Monday of the week the price was published (YYYY-MM-DD).', example: '2026-11-30' })
  weekOf: string;

  @ApiProperty({ description: 'Weekly national average diesel price in cents per gallon.', example: 362 })
  dieselCents: number;
}

export class FuelSurchargeView {
  @ApiProperty({ description: 'The surcharge table.', type: () => FuelSurchargeTableView })
  table: FuelSurchargeTableView;

  @ApiProperty({ description: 'Weekly diesel prices the table is applied to.', type: [DieselPriceView] })
  dieselPrices: DieselPriceView[];
}
