import { Body, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { DispatchTenderGate } from './dispatch-tender-gate.service.js';
import { TenderReceiptView, TenderRequestDto } from './dispatch-tender.dto.js';

/** Tenders loads to the dispatch platform: the system layer's one outbound call to the dispatch side. */
@LayerController({ layer: 'system', path: 'tms', tag: 'TMS' })
@Scopes('dispatch:write', 'internal')
export class DispatchTendersController {
  constructor(private readonly gate: DispatchTenderGate) {}

  @Post('tenders')
  @ApiOperation({
    summary: 'Tender a load to the dispatch platform',
    description:
      'Offers the load to the configured dispatch platform, or assigns it when the tender names the carrier. The ' +
      "tender id is the platform's idempotency key: tendering again, or a retry after an unanswered attempt, never " +
      'makes a second tender. Failures are retried with backoff (honouring `Retry-After`) behind a circuit breaker; ' +
      'a platform that cannot take it now is answered 503 `DISPATCH_PLATFORM_UNAVAILABLE` with `Retry-After`.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Replays the stored answer to a repeated request; the tender id already protects the platform.',
    example: 'TND-SHP-7c1e4a90-1',
  })
  @ApiCreatedResponse({ description: 'The platform has the tender.', type: TenderReceiptView })
  @ApiProblems(400, 401, 403, 409, 422, 429, 503)
  async tender(@Body() request: TenderRequestDto): Promise<TenderReceiptView> {
    const receipt = await this.gate.tender({ ...request, stops: request.stops.map((stop) => ({ ...stop })) });

    return {
      tenderId: receipt.tenderId,
      shipmentId: request.shipmentId,
      platformLoadId: receipt.platformLoadId,
      status: receipt.status,
      receivedAt: receipt.receivedAt,
      repeated: receipt.repeated,
    };
  }
}
