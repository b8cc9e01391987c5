import { Body, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';

import { ApiProblems, LayerController, RequestValidationError, Scopes } from '@lanegate/platform';

import { ErpFaultsDto, ErpStatsDto, HeldDocumentsDto, UpdateErpFaultsDto } from './erp-ops.dto.js';
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
    description: 'Changes the fields given (quota, latency, error rate, maintenance, token lifetime); others stay.',
  })
  @ApiOkResponse({ description: 'The faults now in force.', type: ErpFaultsDto })
  @ApiProblems(400)
  updateFaults(@Body() request: UpdateErpFaultsDto): ErpFaultsDto {
    const { maintenance } = request;
    if (maintenance && Date.parse(maintenance.endsAt) <= Date.parse(maintenance.startsAt)) {
      throw new RequestValidationError([{ field: 'maintenance.endsAt', messages: ['endsAt must be after startsAt'] }]);
    }

    return this.state.updateFaults({
      ...request,
      maintenance: maintenance && { startsAt: maintenance.startsAt, endsAt: maintenance.endsAt },
    });
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
    description: 'Clears documents, statistics and numbering; seed data, tokens and faults stay.',
  })
  @ApiNoContentResponse({ description: 'Reset.' })
  reset(): void {
    this.state.reset();
  }
}
