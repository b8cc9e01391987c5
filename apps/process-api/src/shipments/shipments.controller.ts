import { Body, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblem, ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { ShipmentProjections } from '../projection/index.js';
import { ShipmentRefusedProblemDto } from './shipment-admission.exception.js';
import {
  CreateShipmentDto,
  CustomerScopeQuery,
  ListShipmentsQuery,
  ShipmentPage,
  ShipmentView,
  StatusCountsView,
} from './shipment.dto.js';
import { withDispatch } from './shipment.mapper.js';
import { ShipmentsService } from './shipments.service.js';

@LayerController({ layer: 'process', path: 'shipments', tag: 'shipments' })
export class ShipmentsController {
  constructor(
    private readonly shipments: ShipmentsService,
    @Inject(ShipmentProjections) private readonly projections: ShipmentProjections,
  ) {}

  @Post()
  @Scopes('dispatch:write', 'ops', 'internal')
  @ApiOperation({
    summary: 'Create a shipment',
    description:
      'Checks the order through the system API (the customer exists and is active, its contract prices the lane, ' +
      'the lane can be rated, the ERP approves credit for the quote), then creates the shipment in status ' +
      '`created` with its rated quote. Send an `Idempotency-Key` so that a retried request never creates a second ' +
      'shipment.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Unique key per logical request; a retry with the same key and body replays the first answer.',
    example: 'order-7781-create',
  })
  @ApiCreatedResponse({ description: 'The shipment was created.', type: ShipmentView })
  @ApiProblems(400, 401, 403, 409, 429)
  @ApiProblem(422, {
    description:
      'A check failed; `check` names it (`route`, `customer`, `contract_lane`, `quote`, `credit`) and `code` says ' +
      'why (`CUSTOMER_NOT_FOUND`, `CUSTOMER_NOT_ACTIVE`, `NO_CONTRACT_LANE`, `ROUTE_MILES_REQUIRED`, ' +
      '`CREDIT_CHECK_FAILED`, ...).',
    code: 'CREDIT_CHECK_FAILED',
    title: 'Credit check failed',
    detail: 'Customer C-1003 is on credit hold.',
    extensions: { check: 'credit' },
    type: ShipmentRefusedProblemDto,
  })
  @ApiProblem(503, {
    description: 'The system layer or the ERP cannot answer now; `Retry-After` says when to try again.',
    code: 'UPSTREAM_UNAVAILABLE',
    title: 'Upstream unavailable',
    detail: 'http://127.0.0.1:3000 did not answer; try again shortly.',
    retryAfterSeconds: 5,
  })
  create(@Body() request: CreateShipmentDto): Promise<ShipmentView> {
    return this.shipments.create(request);
  }

  @Get()
  @Scopes('ops', 'internal')
  @ApiOperation({
    summary: 'List shipments',
    description: 'Shipments newest first, filtered by customer, status and creation time, and paged.',
  })
  @ApiOkResponse({ description: 'One page of shipments.', type: ShipmentPage })
  @ApiProblems(400, 401, 403, 429)
  async list(@Query() query: ListShipmentsQuery): Promise<ShipmentPage> {
    const page = await this.shipments.list(query);

    return { ...page, items: await Promise.all(page.items.map((item) => this.withDispatch(item))) };
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
  @ApiOperation({
    summary: 'Get a shipment',
    description:
      'One shipment with its stops and current status, and its dispatch state folded from the dispatch events: ' +
      'carrier, route miles, stop arrivals and departures, proof of delivery, open exceptions, accessorials and ' +
      'events still parked.',
  })
  @ApiParam({ name: 'shipmentId', description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e' })
  @ApiOkResponse({ description: 'The shipment.', type: ShipmentView })
  @ApiProblems(400, 401, 403, 404, 429)
  async get(@Param('shipmentId') shipmentId: string, @Query() scope: CustomerScopeQuery): Promise<ShipmentView> {
    return this.withDispatch(await this.shipments.get(shipmentId, scope.customerId));
  }

  private async withDispatch(view: ShipmentView): Promise<ShipmentView> {
    const [stored, parked] = await Promise.all([
      this.projections.find(view.id),
      this.projections.parkedEventCount(view.id),
    ]);

    return withDispatch(view, stored, parked);
  }
}
