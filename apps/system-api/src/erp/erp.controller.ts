import { Body, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { CacheInvalidationRequestDto, CacheInvalidationView } from './erp-cache.dto.js';
import { ContractView } from './erp-contract.dto.js';
import { CreditCheckRequestDto, CreditCheckView } from './erp-credit-check.dto.js';
import { CustomerView } from './erp-customer.dto.js';
import { FuelSurchargeView } from './erp-fuel-surcharge.dto.js';
import { ErpMasterDataCache } from './erp-master-data-cache.service.js';
import { ApiErpRejection, ApiErpUnavailable } from './erp-problems.decorator.js';
import { TaxQuoteRequestDto, TaxQuoteView } from './erp-tax-quote.dto.js';
import { ERP_PORT, type ErpPort } from './erp.port.js';

const CUSTOMER_NOT_FOUND = {
  code: 'CUSTOMER_NOT_FOUND',
  title: 'customer not found',
  detail: 'No customer with id C-9999 exists.',
};

/**
 * ERP master data (customers, contracts, the fuel surcharge table; served from the cache) and the checks billing
 * asks the ERP for (tax quotes, credit).
 */
@LayerController({ layer: 'system', path: 'erp', tag: 'ERP' })
@Scopes('internal', 'ops')
@ApiProblems(401, 403, 429)
@ApiErpUnavailable()
export class ErpController {
  constructor(
    @Inject(ERP_PORT) private readonly erp: ErpPort,
    private readonly cache: ErpMasterDataCache,
  ) {}

  @Get('customers/:customerId')
  @ApiOperation({
    summary: 'Get a customer',
    description: 'Customer status, credit and billing rules from the ERP; served from the cache when fresh.',
  })
  @ApiParam({ name: 'customerId', description: 'ERP customer number.', example: 'C-1001' })
  @ApiOkResponse({ description: 'The customer.', type: CustomerView })
  @ApiErpRejection(404, CUSTOMER_NOT_FOUND)
  customer(@Param('customerId') customerId: string): Promise<CustomerView> {
    return this.erp.customer(customerId);
  }

  @Get('customers/:customerId/contract')
  @ApiOperation({
    summary: "Get a customer's rate contract",
    description: 'Lane rates, detention terms and accessorial prices; served from the cache when fresh.',
  })
  @ApiParam({ name: 'customerId', description: 'ERP customer number.', example: 'C-1001' })
  @ApiOkResponse({ description: 'The contract.', type: ContractView })
  @ApiErpRejection(404, {
    code: 'CONTRACT_NOT_FOUND',
    title: 'contract not found',
    detail: 'No rate contract is on file for customer C-9999.',
  })
  contract(@Param('customerId') customerId: string): Promise<ContractView> {
    return this.erp.contract(customerId);
  }

  @Get('fuel-surcharge')
  @ApiOperation({
    summary: 'Get the fuel surcharge table',
    description: 'Surcharge bands by diesel price and the weekly diesel prices; served from the cache when fresh.',
  })
  @ApiOkResponse({ description: 'The table and the prices.', type: FuelSurchargeView })
  fuelSurcharge(): Promise<FuelSurchargeView> {
    return this.erp.fuelSurcharge();
  }

  @Post('tax-quotes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Quote tax',
    description: "The ERP's tax on the charges of one delivery; never cached, the ERP's tax engine decides.",
  })
  @ApiOkResponse({ description: 'The quote.', type: TaxQuoteView })
  @ApiProblems(400)
  @ApiErpRejection(404, CUSTOMER_NOT_FOUND)
  @ApiErpRejection(422, {
    code: 'TAX_VALIDATION_FAILED',
    title: 'Tax validation failed',
    detail:
      'The exemption certificate on file for customer C-1004 in US-MI expired on 2026-09-30; tax cannot be ' +
      'determined until a valid certificate is recorded.',
  })
  quoteTax(@Body() request: TaxQuoteRequestDto): Promise<TaxQuoteView> {
    return this.erp.quoteTax(request);
  }

  @Post('credit-checks')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check credit',
    description: 'Whether the ERP approves invoicing an amount to the customer now; never cached.',
  })
  @ApiOkResponse({ description: 'The decision.', type: CreditCheckView })
  @ApiProblems(400)
  @ApiErpRejection(404, CUSTOMER_NOT_FOUND)
  checkCredit(@Body() request: CreditCheckRequestDto): Promise<CreditCheckView> {
    return this.erp.checkCredit(request);
  }

  @Post('cache-invalidations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invalidate cached ERP master data',
    description:
      'Drops cached customers, contracts or the fuel table, so the next read asks the ERP: everything when the ' +
      'body is empty, one kind, every kind under one key, or one entry.',
  })
  @ApiOkResponse({ description: 'How many entries were dropped.', type: CacheInvalidationView })
  @ApiProblems(400)
  invalidateCache(@Body() request: CacheInvalidationRequestDto): CacheInvalidationView {
    return { invalidated: this.cache.invalidate({ kind: request.kind, key: request.key }) };
  }
}
