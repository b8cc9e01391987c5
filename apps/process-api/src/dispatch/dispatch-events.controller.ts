import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOperation, getSchemaPath } from '@nestjs/swagger';

import { ApiProblems, createValidationPipe, LayerController, Scopes } from '@lanegate/platform';

import { DispatchEventBatchDto, DispatchEventDto, DispatchEventsAcceptedView } from './dispatch-event.dto.js';
import { DispatchEventsService } from './dispatch-events.service.js';

const EXAMPLE_EVENT = {
  eventId: 'tms-evt-88231',
  shipmentId: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  kind: 'arrived_stop',
  occurredAt: '2026-12-08T09:50:00Z',
  sequence: 7,
  source: 'acme-tms',
  data: { stopSequence: 2 },
};

@LayerController({ layer: 'process', path: 'dispatch-events', tag: 'dispatch events' })
@Scopes('dispatch:write', 'internal', 'ops')
@ApiExtraModels(DispatchEventDto, DispatchEventBatchDto)
export class DispatchEventsController {
  private readonly validation = createValidationPipe();

  constructor(private readonly dispatchEvents: DispatchEventsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Report dispatch events',
    description:
      'One canonical dispatch event, or `{ "events": [...] }` with up to 500. Each is stored durably before the 202; ' +
      'a repeat (same event id) is acknowledged without effect; events of a shipment not created yet are kept and ' +
      "applied when it appears; late events take their place in the shipment's own order.",
  })
  @ApiBody({
    description: 'A single event or a batch.',
    schema: { oneOf: [{ $ref: getSchemaPath(DispatchEventDto) }, { $ref: getSchemaPath(DispatchEventBatchDto) }] },
    examples: {
      single: { summary: 'One event', value: EXAMPLE_EVENT },
      batch: { summary: 'A batch', value: { events: [EXAMPLE_EVENT] } },
    },
  })
  @ApiAcceptedResponse({ description: 'The events are stored and will take effect.', type: DispatchEventsAcceptedView })
  @ApiProblems(400, 401, 403, 409, 422, 429)
  async report(@Body() body: unknown): Promise<DispatchEventsAcceptedView> {
    const isBatch = typeof body === 'object' && body !== null && 'events' in body;
    if (isBatch) {
      const batch = (await this.validation.transform(body, {
        type: 'body',
        metatype: DispatchEventBatchDto,
      })) as DispatchEventBatchDto;

      return this.dispatchEvents.accept(batch.events, { fieldPrefix: 'events.' });
    }
    const event = (await this.validation.transform(body, {
      type: 'body',
      metatype: DispatchEventDto,
    })) as DispatchEventDto;

    return this.dispatchEvents.accept([event]);
  }
}
