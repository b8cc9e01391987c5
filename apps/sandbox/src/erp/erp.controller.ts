import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';

import { ApiProblems, ApplicationError, AuthenticatedBy, ResourceNotFoundError } from '@lanegate/platform';

import { ErpOAuthService } from './erp-oauth.service.js';
import { SEED_CUSTOMERS } from './erp-seed.js';
import { ErpTokenGuard } from './erp-token.guard.js';
import { ErpCustomerDto, TokenRequestDto, TokenResponseDto } from './erp.dto.js';

/** The sandbox cloud ERP: its OAuth2 token endpoint and its resources. */
@Controller('sandbox/erp')
@ApiTags('sandbox ERP')
@AuthenticatedBy('sandbox-erp-oauth2')
@SkipThrottle()
export class ErpController {
  private readonly customers = new Map(SEED_CUSTOMERS.map((customer) => [customer.id, customer]));

  constructor(private readonly oauth: ErpOAuthService) {}

  @Post('oauth/token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue an access token', description: 'OAuth2 client-credentials grant.' })
  @ApiOkResponse({ description: 'A bearer access token.', type: TokenResponseDto })
  @ApiProblems(400, 401)
  token(@Body() request: TokenRequestDto): TokenResponseDto {
    const issued = this.oauth.issue(request.client_id, request.client_secret);
    if (!issued) {
      throw new ApplicationError({
        code: 'ERP_INVALID_CLIENT',
        status: 401,
        title: 'Invalid client',
        detail: 'Unknown client id or wrong client secret.',
      });
    }

    return { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn };
  }

  @Get('customers/:customerId')
  @UseGuards(ErpTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Get a customer', description: 'Customer master data as the ERP holds it.' })
  @ApiParam({ name: 'customerId', description: 'ERP customer number.', example: 'C-1001' })
  @ApiOkResponse({ description: 'The customer.', type: ErpCustomerDto })
  @ApiProblems(401, 404)
  customer(@Param('customerId') customerId: string): ErpCustomerDto {
    const customer = this.customers.get(customerId);
    if (!customer) {
      throw new ResourceNotFoundError('customer', customerId);
    }
    const { rejectsTax: _rejectsTax, ...visible } = customer;

    return visible;
  }
}
