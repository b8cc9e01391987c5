import { Get, Inject, Param, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';

import { ApiProblems, LayerController, ResourceNotFoundError, Scopes } from '@lanegate/platform';

import { ShipmentEntity } from '../shipments/shipment.entity.js';
import { ShipmentTimelinePage, TimelineQuery } from './shipment-timeline.dto.js';
import { ShipmentTimeline } from './shipment-timeline.service.js';

@LayerController({ layer: 'process', path: 'shipments', tag: 'shipments' })
@Scopes('ops', 'internal')
export class ShipmentTimelineController {
  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
  ) {}

  @Get(':shipmentId/timeline')
  @ApiOperation({
    summary: "Read a shipment's timeline",
    description:
      'Everything that happened to the shipment, oldest first, with correlation ids: its creation, every dispatch ' +
      "event received with the projection's decision (applied, rejected with code and reason, duplicate, parked), " +
      'decisions that later events changed, status changes, and the charge and ERP entries of billing and invoicing. ' +
      'Filter by `kind` to read one kind of entry.',
  })
  @ApiParam({ name: 'shipmentId', description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e' })
  @ApiOkResponse({ description: 'One page of the timeline.', type: ShipmentTimelinePage })
  @ApiProblems(400, 401, 403, 404, 429)
  async read(@Param('shipmentId') shipmentId: string, @Query() query: TimelineQuery): Promise<ShipmentTimelinePage> {
    const owner = query.customerId === undefined ? {} : { customerId: query.customerId };
    if (!(await this.dataSource.getRepository(ShipmentEntity).existsBy({ id: shipmentId, ...owner }))) {
      throw new ResourceNotFoundError('shipment', shipmentId);
    }

    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const { items, total } = await this.timeline.page({ shipmentId, kind: query.kind, page, pageSize });

    return {
      shipmentId,
      items: items.map(({ shipmentId: _shipmentId, at, ...entry }) => ({ ...entry, at: at.toISOString() })),
      total,
      page,
      pageSize,
    };
  }
}
