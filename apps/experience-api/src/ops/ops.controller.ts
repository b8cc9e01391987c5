import { Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { AxiosInstance } from 'axios';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { PROCESS_API } from '../process-api.client.js';
import { OpsOverviewView } from './ops-overview.dto.js';

@LayerController({ layer: 'experience', path: 'ops', tag: 'operations' })
@Scopes('ops')
export class OpsController {
  constructor(@Inject(PROCESS_API) private readonly processApi: AxiosInstance) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Operations overview',
    description: 'The numbers operations and finance staff watch, gathered from the process layer.',
  })
  @ApiOkResponse({ description: 'The overview.', type: OpsOverviewView })
  @ApiProblems(401, 403, 429, 503)
  async overview(): Promise<OpsOverviewView> {
    const { data } = await this.processApi.get<{ counts: Record<string, number> }>(
      '/process/v1/shipments/status-counts',
    );

    return { shipmentsByStatus: data.counts, generatedAt: new Date().toISOString() };
  }
}
