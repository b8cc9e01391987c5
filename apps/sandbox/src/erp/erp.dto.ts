import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class TokenRequestDto {
  @ApiProperty({ description: 'OAuth2 grant type; only client credentials.', example: 'client_credentials' })
  @IsIn(['client_credentials'])
  grant_type: string;

  @ApiProperty({ description: 'Client id.', example: 'lanegate-gateway' })
  @IsString()
  @Length(1, 100)
  client_id: string;

  @ApiProperty({ description: 'Client secret.', example: 'sandbox-erp-secret' })
  @IsString()
  @Length(1, 200)
  client_secret: string;

  @ApiPropertyOptional({ description: 'Requested scope (ignored).', example: 'erp.api' })
  @IsOptional()
  @IsString()
  scope?: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Bearer access token.', example: 'q8kq3mD0yQ7c2d7m8x0HcKq1tV8bZ9pA' })
  access_token: string;

  @ApiProperty({ description: 'Token type.', example: 'Bearer' })
  token_type: string;

  @ApiProperty({ description: 'Lifetime in seconds.', example: 900 })
  expires_in: number;
}

export class ErpCustomerDto {
  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  id: string;

  @ApiProperty({ description: 'Legal name.', example: 'Midwest Paper Products Inc.' })
  name: string;

  @ApiProperty({ description: 'Account status.', enum: ['active', 'on_hold', 'inactive'], example: 'active' })
  status: string;

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
