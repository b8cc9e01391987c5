import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Length, Matches, ValidateNested } from 'class-validator';

export class ShipToDto {
  @ApiProperty({ description: 'State or province code of the delivery address.', example: 'OH' })
  @IsString()
  @Length(1, 10)
  region: string;

  @ApiProperty({ description: 'Postal code of the delivery address.', example: '43215' })
  @IsString()
  @Length(1, 20)
  postalCode: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code.', example: 'US' })
  @Matches(/^[A-Z]{2}$/)
  country: string;
}

export class TaxableLineDto {
  @ApiProperty({ description: 'Charge kind, as the ERP names it.', example: 'linehaul' })
  @IsString()
  @Length(1, 40)
  kind: string;

  @ApiProperty({ description: 'Amount in cents.', example: 101460 })
  @IsInt()
  amountCents: number;
}

export class TaxQuoteRequestDto {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  @IsString()
  @Length(1, 40)
  customerId: string;

  @ApiProperty({ description: 'Where the freight is delivered.', type: () => ShipToDto })
  @ValidateNested()
  @Type(() => ShipToDto)
  shipTo: ShipToDto;

  @ApiProperty({ description: 'Charges to tax, 1 to 500.', type: [TaxableLineDto] })
  @ValidateNested({ each: true })
  @Type(() => TaxableLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  lines: TaxableLineDto[];
}

export class TaxQuoteView {
  @ApiProperty({ description: "The ERP's quote id.", example: 'TQ-000042' })
  quoteId: string;

  @ApiProperty({ description: 'Tax in cents.', example: 6341 })
  taxCents: number;

  @ApiProperty({ description: 'Tax rate in basis points (1/100 of a percent).', example: 625 })
  rateBasisPoints: number;

  @ApiProperty({ description: "Tax region of the customer's account.", example: 'US-IL' })
  taxRegion: string;
}
