import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { ErpCallLatencyView } from './erp-call-latency.dto.js';
import { ErpCallLatency } from './erp-call-latency.service.js';

/** How long the ERP takes to answer right now: the integration latency on the operations dashboard. */
@LayerController({ layer: 'system', path: 'erp', tag: 'ERP' })
@Scopes('internal', 'ops')
@ApiProblems(401, 403, 429)
export class ErpCallLatencyController {
  constructor(private readonly latency: ErpCallLatency) {}

  @Get('call-latency')
  @ApiOperation({
    summary: 'Get recent ERP call latency',
    description:
      'Median and 95th percentile duration of the ERP calls made in the last 15 minutes, overall and per operation: ' +
      'by every system-api replica when they share Redis, else by this process (`scope` says which). Each HTTP ' +
      'exchange counts, retries included; waiting for the quota does not.',
  })
  @ApiOkResponse({ description: 'The latency figures.', type: ErpCallLatencyView })
  callLatency(): Promise<ErpCallLatencyView> {
    return this.latency.report();
  }
}
