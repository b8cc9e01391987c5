import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems } from '@lanegate/platform';

import { ErpContractDto, FuelSurchargeDto } from './erp-pricing.dto.js';
import { ErpPricingService } from './erp-pricing.service.js';
import { ErpResourceController } from './erp-resource.decorator.js';

/** Rate contracts and the fuel surcharge table published by the sandbox ERP. */
@ErpResourceController()
export class ErpPricingController {
  constructor(private readonly pricing: ErpPricingService) {}

  @Get('customers/:customerId/contract')
  @ApiOperation({
    summary: "Get a customer's rate contract",
    description: 'Lanes with their linehaul rate, detention terms and accessorial price list.',
  })
  @ApiParam({ name: 'customerId', description: 'ERP customer number.', example: 'C-1001' })
  @ApiOkResponse({ description: 'The contract.', type: ErpContractDto })
  @ApiProblems(404)
  contract(@Param('customerId') customerId: string): ErpContractDto {
    return this.pricing.contract(customerId);
  }

  @Get('fuel-surcharge')
  @ApiOperation({
    summary: 'Get the fuel surcharge table',
    description: 'Surcharge per mile by band of diesel price, and the weekly diesel prices, oldest first.',
  })
  @ApiOkResponse({ description: 'The table and the diesel prices.', type: FuelSurchargeDto })
  fuelSurcharge(): FuelSurchargeDto {
    return this.pricing.fuelSurcharge();
  }
}
