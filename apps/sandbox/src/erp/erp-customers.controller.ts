import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems } from '@lanegate/platform';

import {
  CreditCheckDto,
  CreditCheckRequestDto,
  ErpCustomerDto,
  TaxQuoteDto,
  TaxQuoteRequestDto,
} from './erp-customers.dto.js';
import { ErpCustomersService } from './erp-customers.service.js';
import { ErpResourceController } from './erp-resource.decorator.js';

/** Customer accounts in the sandbox ERP: master data, credit checks and tax quotes. */
@ErpResourceController()
export class ErpCustomersController {
  constructor(private readonly customers: ErpCustomersService) {}

  @Get('customers/:customerId')
  @ApiOperation({
    summary: 'Get a customer',
    description: 'Customer master data as the ERP holds it; the open balance includes documents posted since.',
  })
  @ApiParam({ name: 'customerId', description: 'ERP customer number.', example: 'C-1001' })
  @ApiOkResponse({ description: 'The customer.', type: ErpCustomerDto })
  @ApiProblems(404)
  customer(@Param('customerId') customerId: string): ErpCustomerDto {
    return this.customers.customer(customerId);
  }

  @Post('credit-checks')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check credit',
    description: 'Whether an invoice of the amount fits the credit limit. Refused when on hold or over the limit.',
  })
  @ApiOkResponse({ description: 'The decision and the credit still available.', type: CreditCheckDto })
  @ApiProblems(400, 404)
  checkCredit(@Body() request: CreditCheckRequestDto): CreditCheckDto {
    return this.customers.checkCredit(request);
  }

  @Post('tax-quotes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Quote tax',
    description: "Tax on the lines at the rate of the customer's tax region, rounded half up to the cent.",
  })
  @ApiOkResponse({ description: 'The tax quote.', type: TaxQuoteDto })
  @ApiProblems(400, 404, 422)
  quoteTax(@Body() request: TaxQuoteRequestDto): TaxQuoteDto {
    return this.customers.quoteTax(request);
  }
}
