import { ApiProperty } from '@nestjs/swagger';

export class CustomerView {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  id: string;

  @ApiProperty({ description: 'Legal name.', example: 'Midwest Paper Products Inc.' })
  name: string;

  @ApiProperty({ description: 'Account status.', enum: ['active', 'on_hold', 'inactive'], example: 'active' })
  status: 'active' | 'on_hold' | 'inactive';

  @ApiProperty({ description: 'Credit limit in cents.', example: 50000000 })
  creditLimitCents: number;

  @ApiProperty({ description: 'Open receivables in cents.', example: 12450000 })
  openBalanceCents: number;

  @ApiProperty({ description: 'ISO 4217 billing currency.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Tax region code.', example: 'US-IL' })
  taxRegion: string;

  @ApiProperty({ description: 'Payment terms in days.', example: 30 })
  paymentTermsDays: number;

  @ApiProperty({ description: 'Whether invoices need a purchase order number.', example: false })
  poRequired: boolean;
}
