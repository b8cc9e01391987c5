import { Body, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { CreateShipmentDto, ListShipmentsQuery, ShipmentPage, ShipmentView, StatusCountsView } from './shipment.dto.js';
import { ShipmentsService } from './shipments.service.js';

@LayerController({ layer: 'process', path: 'shipments', tag: 'shipments' })
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Post()
  @Scopes('dispatch:write', 'ops', 'internal')
  @ApiOperation({
    summary: 'Create a shipment',
    description:
      'Creates a shipment in status `created`. Send an `Idempotency-Key` so that a retried request never creates ' +
      'a second shipment.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Unique key per logical request; a retry with the same key and body replays the first answer.',
    example: 'order-7781-create',
  })
  @ApiCreatedResponse({ description: 'The shipment was created.', type: ShipmentView })
  @ApiProblems(400, 401, 403, 409, 422, 429)
  create(@Body() request: CreateShipmentDto): Promise<ShipmentView> {
    return this.shipments.create(request);
  }

  @Get()
  @Scopes('ops', 'internal')
  @ApiOperation({ summary: 'List shipments', description: 'Shipments newest first, filtered and paged.' })
  @ApiOkResponse({ description: 'One page of shipments.', type: ShipmentPage })
  @ApiProblems(400, 401, 403, 429)
  list(@Query() query: ListShipmentsQuery): Promise<ShipmentPage> {
    return this.shipments.list(query);
  }

  @Get('status-counts')
  @Scopes('ops', 'internal')
  @ApiOperation({ summary: 'Count shipments by status', description: 'Number of shipments in each canonical status.' })
  @ApiOkResponse({ description: 'Counts per status.', type: StatusCountsView })
  @ApiProblems(401, 403, 429)
  async statusCounts(): Promise<StatusCountsView> {
    return { counts: await this.shipments.countByStatus() };
  }

  @Get(':shipmentId')
  @Scopes('ops', 'internal', 'dispatch:write')
  @ApiOperation({ summary: 'Get a shipment', description: 'One shipment with its stops and current status.' })
  @ApiParam({ name: 'shipmentId', description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e' })
  @ApiOkResponse({ description: 'The shipment.', type: ShipmentView })
  @ApiProblems(401, 403, 404, 429)
  get(@Param('shipmentId') shipmentId: string): Promise<ShipmentView> {
    return this.shipments.get(shipmentId);
  }
}
