import { Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AxiosInstance } from 'axios';

import { ApiProblems, LayerController, PageQuery, type Principal, Scopes } from '@lanegate/platform';

import { PROCESS_API } from '../process-api.client.js';

/** Page selection of the portal's shipment list. */
export class PortalShipmentsQuery extends PageQuery {}

export class PortalShipmentView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  id: string;

  @ApiProperty({ description: 'Canonical shipment status.', example: 'in_transit' })
  status: string;

  @ApiPropertyOptional({
    description: 'Your purchase order number.',
    example: 'PO-88123',
    type: String,
    nullable: true,
  })
  purchaseOrder: string | null;

  @ApiProperty({ description: 'When the shipment was created (UTC).', example: '2026-12-03T19:30:00.000Z' })
  createdAt: string;
}

export class PortalShipmentPage {
  @ApiProperty({ description: 'Your shipments, newest first.', type: [PortalShipmentView] })
  items: PortalShipmentView[];

  @ApiProperty({ description: 'Number of your shipments.', example: 12 })
  total: number;
}

interface ProcessShipmentPage {
  items: (PortalShipmentView & { customerId: string })[];
  total: number;
}

@LayerController({ layer: 'experience', path: 'portal', tag: 'portal' })
@Scopes('portal')
export class PortalController {
  constructor(@Inject(PROCESS_API) private readonly processApi: AxiosInstance) {}

  @Get('shipments')
  @ApiOperation({
    summary: 'List your shipments',
    description: "The shipments of the token's customer, newest first; other customers' shipments are never shown.",
  })
  @ApiOkResponse({ description: 'One page of your shipments.', type: PortalShipmentPage })
  @ApiProblems(400, 401, 403, 429, 503)
  async shipments(
    @Req() request: { user: Principal },
    @Query() query: PortalShipmentsQuery,
  ): Promise<PortalShipmentPage> {
    const { data } = await this.processApi.get<ProcessShipmentPage>('/process/v1/shipments', {
      params: { customerId: request.user.customerId, page: query.page, pageSize: query.pageSize },
    });

    return {
      items: data.items.map(({ id, status, purchaseOrder, createdAt }) => ({ id, status, purchaseOrder, createdAt })),
      total: data.total,
    };
  }
}
