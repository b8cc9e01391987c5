import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

/** OAuth 2.0 client-credentials grant, form-encoded (as the standard requires) or JSON. */
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
