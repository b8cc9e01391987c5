import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { CustomerView } from './erp-customer.dto.js';
import { ErpClient } from './erp.client.js';

@LayerController({ layer: 'system', path: 'erp', tag: 'ERP' })
@Scopes('internal', 'ops')
export class ErpController {
  constructor(private readonly erp: ErpClient) {}

  @Get('customers/:customerId')
  @ApiOperation({
    summary: 'Get a customer',
    description: 'Customer status, credit and billing rules from the ERP, in canonical form.',
  })
  @ApiParam({ name: 'customerId', description: 'ERP customer number.', example: 'C-1001' })
  @ApiOkResponse({ description: 'The customer.', type: CustomerView })
  @ApiProblems(401, 403, 404, 429, 503)
  async customer(@Param('customerId') customerId: string): Promise<CustomerView> {
    const customer = await this.erp.get<CustomerView>(`/customers/${encodeURIComponent(customerId)}`);

    return {
      id: customer.id,
      name: customer.name,
      status: customer.status,
      creditLimitCents: customer.creditLimitCents,
      openBalanceCents: customer.openBalanceCents,
      currency: customer.currency,
      taxRegion: customer.taxRegion,
      paymentTermsDays: customer.paymentTermsDays,
      poRequired: customer.poRequired,
    };
  }
}
