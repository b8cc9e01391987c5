import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';

import { ERP_ITEM_KINDS } from './erp-seed.js';

export class ErpCustomerDto {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  id: string;

  @ApiProperty({ description: 'Legal name.', example: 'Midwest Paper Products Inc.' })
  name: string;

  @ApiProperty({ description: 'Account status.', enum: ['active', 'on_hold', 'inactive'], example: 'active' })
  status: string;

  @ApiProperty({ description: 'Credit limit in cents.', example: 50000000 })
  creditLimitCents: number;

  @ApiProperty({ description: 'Open receivables in cents, including documents posted since.', example: 12450000 })
  openBalanceCents: number;

  @ApiProperty({ description: 'ISO 4217 billing currency.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Tax region the ERP resolves tax for.', example: 'US-IL' })
  taxRegion: string;

  @ApiProperty({ description: 'Payment terms in days.', example: 30 })
  paymentTermsDays: number;

  @ApiProperty({ description: 'Whether invoices need a purchase order number.', example: false })
  poRequired: boolean;
}

export class ShipToDto {
  @ApiProperty({ description: 'State or province code.', example: 'OH' })
  @IsString()
  @Length(1, 10)
  region: string;

  @ApiProperty({ description: 'Postal code.', example: '43215' })
  @IsString()
  @Length(1, 20)
  postalCode: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code.', example: 'US' })
  @Matches(/^[A-Z]{2}$/)
  country: string;
}

export class TaxableLineDto {
  @ApiProperty({ description: 'Item kind from the ERP catalogue.', enum: ERP_ITEM_KINDS, example: 'linehaul' })
  @IsIn(ERP_ITEM_KINDS)
  kind: string;

  @ApiProperty({ description: 'Line amount in cents.', example: 10000 })
  @IsInt()
  amountCents: number;
}

export class TaxQuoteRequestDto {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  @IsString()
  @Length(1, 40)
  customerId: string;

  @ApiProperty({ description: 'Where the freight was delivered.', type: () => ShipToDto })
  @ValidateNested()
  @Type(() => ShipToDto)
  shipTo: ShipToDto;

  @ApiProperty({ description: 'Lines to tax, 1 to 500.', type: [TaxableLineDto], minItems: 1, maxItems: 500 })
  @ValidateNested({ each: true })
  @Type(() => TaxableLineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  lines: TaxableLineDto[];
}

export class TaxQuoteDto {
  @ApiProperty({ description: 'Id of the quote in the ERP.', example: 'TQ-000042' })
  quoteId: string;

  @ApiProperty({ description: 'Tax on the lines in cents, rounded half up to the cent.', example: 625 })
  taxCents: number;

  @ApiProperty({ description: 'Rate applied, in basis points (625 = 6.25 %).', example: 625 })
  rateBasisPoints: number;

  @ApiProperty({ description: "The customer's tax region the rate comes from.", example: 'US-IL' })
  taxRegion: string;
}

export class CreditCheckRequestDto {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  @IsString()
  @Length(1, 40)
  customerId: string;

  @ApiProperty({ description: 'Amount about to be invoiced, in cents.', example: 185000 })
  @IsInt()
  @Min(0)
  amountCents: number;
}

export class CreditCheckDto {
  @ApiProperty({ description: 'Whether the ERP would accept an invoice for the amount.', example: true })
  approved: boolean;

  @ApiProperty({
    description: 'Credit limit minus open balance, in cents; negative when the customer is over its limit.',
    example: 37550000,
  })
  availableCreditCents: number;

  @ApiPropertyOptional({
    description: 'Why the check was not approved.',
    example: 'Customer C-1003 is on credit hold.',
  })
  reason?: string;
}
