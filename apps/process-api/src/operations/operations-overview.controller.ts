import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import {
  ApiProblems,
  LayerController,
  OperationsOverviewView,
  OverviewQuery,
  Scopes,
  ShipmentChainsView,
} from '@lanegate/platform';

import { OperationsOverviewService } from './operations-overview.service.js';
import { ShipmentChains } from './shipment-chain.service.js';

const DEFAULT_WINDOW_HOURS = 24;

@LayerController({ layer: 'process', path: '', tag: 'operations' })
@Scopes('ops', 'internal')
export class OperationsOverviewController {
  constructor(
    @Inject(OperationsOverviewService) private readonly overviews: OperationsOverviewService,
    @Inject(ShipmentChains) private readonly chains: ShipmentChains,
  ) {}

  @Get('operations/overview')
  @ApiOperation({
    summary: 'Get the operations overview',
    description:
      'Shipments by status; delivered shipments waiting for an invoice and without proof of delivery; holds by ' +
      'reason; posting failures; dead-letter depth; event lag and ERP call latency; and the SLA from delivery to ' +
      'billing-ready and to posted, over the window.',
  })
  @ApiOkResponse({ description: 'The overview.', type: OperationsOverviewView })
  @ApiProblems(400, 401, 403, 429)
  overview(@Query() query: OverviewQuery): Promise<OperationsOverviewView> {
    return this.overviews.overview(query.windowHours ?? DEFAULT_WINDOW_HOURS);
  }

  @Get('shipment-chains/:reference')
  @ApiOperation({
    summary: 'Follow a shipment from order to ERP posting',
    description:
      'The chain of the shipment with this id, or of every shipment ordered under this correlation id: order, ' +
      'dispatch, delivery, invoice and ERP posting, each with where it stands, and the timeline under them.',
  })
  @ApiParam({
    name: 'reference',
    description: 'A shipment id or a correlation id.',
    example: 'order-7781',
  })
  @ApiOkResponse({ description: 'The chains found.', type: ShipmentChainsView })
  @ApiProblems(401, 403, 404, 429)
  async chain(@Param('reference') reference: string): Promise<ShipmentChainsView> {
    return { reference, shipments: await this.chains.find(reference) };
  }
}
