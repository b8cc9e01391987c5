import { Body, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { EventHistory, type LayerMessaging, layerMessagingToken } from '@lanegate/messaging';
import { ApiProblems, ApplicationError, LayerController, type Principal, Scopes } from '@lanegate/platform';

import { OperationsAudit } from './operations-audit.js';
import { RedriveRequestDto, RedriveView, ShipmentEventsView } from './event-history.dto.js';

@LayerController({ layer: 'process', path: '', tag: 'event history' })
@Scopes('ops')
export class EventHistoryController {
  constructor(
    @Inject(EventHistory) private readonly history: EventHistory,
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(OperationsAudit) private readonly audit: OperationsAudit,
  ) {}

  @Get('shipments/:shipmentId/events')
  @ApiOperation({
    summary: "List a shipment's events",
    description: 'Every event the process layer published about the shipment, oldest first, with its correlation id.',
  })
  @ApiParam({ name: 'shipmentId', description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e' })
  @ApiOkResponse({ description: "The shipment's events.", type: ShipmentEventsView })
  @ApiProblems(401, 403, 429)
  async shipmentEvents(@Param('shipmentId') shipmentId: string): Promise<ShipmentEventsView> {
    const events = await this.history.find({ subject: shipmentId });

    return {
      shipmentId,
      events: events.map(({ position, event, publishedAt }) => ({
        position,
        id: event.id,
        type: event.type,
        time: event.time ?? '',
        correlationId: event.correlationid,
        sequence: event.sequence ?? null,
        publishedAt: publishedAt?.toISOString() ?? null,
        data: (event.data ?? {}) as Record<string, unknown>,
      })),
    };
  }

  @Post('event-redrives')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-drive a consumer',
    description:
      'Runs the selected events of the history (by shipment, type and time range) through a consumer again, in ' +
      'order, to rebuild what it derives from them. Audited.',
  })
  @ApiOkResponse({ description: 'How many events were re-driven.', type: RedriveView })
  @ApiProblems(400, 401, 403, 422, 429)
  async redrive(@Body() request: RedriveRequestDto, @Req() http: { user: Principal }): Promise<RedriveView> {
    const consumer = this.messaging.consumerNamed(request.consumer);
    if (!consumer) {
      throw new ApplicationError({
        code: 'CONSUMER_NOT_HOSTED',
        status: 422,
        title: 'Consumer not hosted here',
        detail: `Consumer ${request.consumer} is not registered in the process layer.`,
      });
    }
    const result = await this.history.redrive(consumer, {
      subject: request.subject,
      type: request.type,
      from: request.from ? new Date(request.from) : undefined,
      to: request.to ? new Date(request.to) : undefined,
      limit: 100_000,
    });
    await this.audit.record({
      actor: http.user.subject,
      action: 'consumer.redriven',
      targetType: 'consumer',
      targetId: request.consumer,
      details: { filter: request, redriven: result.redriven, failed: result.failed.length },
    });

    return { consumer: request.consumer, ...result };
  }
}
