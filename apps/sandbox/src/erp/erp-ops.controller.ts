import { Body, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import {
  ApiProblems,
  LayerController,
  RequestValidationError,
  ResourceNotFoundError,
  Scopes,
} from '@lanegate/platform';

import {
  ErpCustomerRecordDto,
  ErpFaultsDto,
  ErpStatsDto,
  HeldDocumentsDto,
  UpdateErpCustomerDto,
  UpdateErpFaultsDto,
} from './erp-ops.dto.js';
import { SandboxErpState } from './sandbox-erp-state.service.js';

/**
 * Inspection and fault switches of the sandbox ERP, for tests, demos and benchmarks. Not part of the ERP's
 * contract: Lanegate `ops` tokens, and outside the ERP's quota and faults.
 */
@LayerController({ layer: 'sandbox', path: 'erp', tag: 'sandbox ERP operations' })
@Scopes('ops')
@ApiProblems(401, 403)
export class ErpOpsController {
  constructor(private readonly state: SandboxErpState) {}

  @Get('documents')
  @ApiOperation({
    summary: 'List every document held',
    description:
      'Every invoice and credit memo, oldest first, with what the ERP keeps beside it (Idempotency-Key, PO, ' +
      "carrier). Not at `/invoices`, which is the ERP's own lookup.",
  })
  @ApiOkResponse({ description: 'The documents.', type: HeldDocumentsDto })
  documents(): HeldDocumentsDto {
    return { items: structuredClone(this.state.allDocuments()) };
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Get call statistics',
    description: 'Answers by operation and status since the last reset, and the faults served.',
  })
  @ApiOkResponse({ description: 'The statistics.', type: ErpStatsDto })
  stats(): ErpStatsDto {
    return this.state.stats();
  }

  @Put('faults')
  @ApiOperation({
    summary: 'Switch faults',
    description:
      'Changes the fields given (quota, latency, error rate, maintenance, token lifetime, posting rejection); ' +
      'others stay.',
  })
  @ApiOkResponse({ description: 'The faults now in force.', type: ErpFaultsDto })
  @ApiProblems(400)
  updateFaults(@Body() request: UpdateErpFaultsDto): ErpFaultsDto {
    const { maintenance } = request;
    if (maintenance && Date.parse(maintenance.endsAt) <= Date.parse(maintenance.startsAt)) {
      throw new RequestValidationError([{ field: 'maintenance.endsAt', messages: ['endsAt must be after startsAt'] }]);
    }

    const { postingRejection } = request;

    return this.state.updateFaults({
      ...request,
      maintenance: maintenance && { startsAt: maintenance.startsAt, endsAt: maintenance.endsAt },
      postingRejection: postingRejection && { code: postingRejection.code, detail: postingRejection.detail },
    });
  }

  @Put('master-data/customers/:customerId')
  @ApiOperation({
    summary: "Change a customer's master data",
    description:
      'What ERP users do to an account: put it on credit hold, change its credit limit or PO rule, break or ' +
      'repair its tax data. The fields given change; a reset restores the seed.',
  })
  @ApiParam({ name: 'customerId', description: 'ERP customer number.', example: 'C-1001' })
  @ApiOkResponse({ description: 'The account as it is now.', type: ErpCustomerRecordDto })
  @ApiProblems(400, 404)
  updateCustomer(@Param('customerId') customerId: string, @Body() request: UpdateErpCustomerDto): ErpCustomerRecordDto {
    const customer = this.state.updateCustomer(customerId, request);
    if (customer === undefined) {
      throw new ResourceNotFoundError('customer', customerId);
    }

    return {
      id: customer.id,
      status: customer.status,
      creditLimitCents: customer.creditLimitCents,
      poRequired: customer.poRequired,
      rejectsTax: customer.rejectsTax,
    };
  }

  @Delete('faults')
  @ApiOperation({ summary: 'Reset faults', description: 'Back to the defaults: 20 calls a second, no faults.' })
  @ApiOkResponse({ description: 'The default faults.', type: ErpFaultsDto })
  resetFaults(): ErpFaultsDto {
    return this.state.resetFaults();
  }

  @Post('tokens/expire')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Expire every access token',
    description:
      'Tokens issued so far answer 401 ERP_TOKEN_INVALID from now on, before their `expires_in` is up, as after ' +
      'a signing key rotation; the token endpoint keeps issuing new ones.',
  })
  @ApiNoContentResponse({ description: 'Expired.' })
  expireTokens(): void {
    this.state.expireTokens();
  }

  @Post('reset')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Reset the ERP',
    description:
      'Clears documents, statistics and numbering and restores the seeded master data; tokens and faults stay.',
  })
  @ApiNoContentResponse({ description: 'Reset.' })
  reset(): void {
    this.state.reset();
  }
}
