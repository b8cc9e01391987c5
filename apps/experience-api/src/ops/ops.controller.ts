import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { AxiosInstance } from 'axios';

import {
  ApiProblems,
  LayerController,
  OperationsOverviewView,
  OverviewQuery,
  Scopes,
  ShipmentChainsView,
} from '@lanegate/platform';

import { PROCESS_API } from '../process-api.client.js';

@LayerController({ layer: 'experience', path: 'ops', tag: 'operations' })
@Scopes('ops')
export class OpsController {
  constructor(@Inject(PROCESS_API) private readonly processApi: AxiosInstance) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Operations overview',
    description:
      'One connected view for operations and finance staff: shipments by status; loads awaiting an invoice and for ' +
      'how long; deliveries without proof of delivery; invoices held, by reason; posting failures; dead-letter ' +
      'depth; event lag and ERP call latency (p50, p95); and the SLA from delivery to invoice-ready and to ' +
      'invoice-posted (p50, p95) over the chosen window, with a series for the chart.',
  })
  @ApiOkResponse({ description: 'The overview.', type: OperationsOverviewView })
  @ApiProblems(400, 401, 403, 429, 503)
  async overview(@Query() query: OverviewQuery): Promise<OperationsOverviewView> {
    const { data } = await this.processApi.get<OperationsOverviewView>('/process/v1/operations/overview', {
      params: { windowHours: query.windowHours },
    });

    return data;
  }

  @Get('chains/:reference')
  @ApiOperation({
    summary: 'Follow a shipment from order to ERP posting',
    description:
      'Search by shipment id or correlation id: the chain of each shipment found (order, dispatch, delivery, ' +
      'invoice, ERP posting), with where each stage stands and the timeline under it.',
  })
  @ApiParam({ name: 'reference', description: 'A shipment id or a correlation id.', example: 'order-7781' })
  @ApiOkResponse({ description: 'The chains found.', type: ShipmentChainsView })
  @ApiProblems(401, 403, 404, 429, 503)
  async chain(@Param('reference') reference: string): Promise<ShipmentChainsView> {
    const { data } = await this.processApi.get<ShipmentChainsView>(
      `/process/v1/shipment-chains/${encodeURIComponent(reference)}`,
    );

    return data;
  }
}
