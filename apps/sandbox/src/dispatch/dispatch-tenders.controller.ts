import { Body, Controller, Headers, Post, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';

import { ApiProblems, AuthenticatedBy } from '@lanegate/platform';

import { DISPATCH_AUTHENTICATION, DispatchApiKeyGuard } from './dispatch-api-key.guard.js';
import { TenderReceiptDto, TenderRequestDto } from './dispatch-tenders.dto.js';
import { DispatchTendersService } from './dispatch-tenders.service.js';

/**
 * The dispatch platform's own tender API: outside Lanegate's tokens and throttling, behind the API key the
 * platform issued to Lanegate and the platform's faults (refusals, slow answers).
 */
@Controller('sandbox/dispatch')
@ApiTags('sandbox dispatch platform')
@AuthenticatedBy(DISPATCH_AUTHENTICATION)
@SkipThrottle()
@UseGuards(DispatchApiKeyGuard)
export class DispatchTendersController {
  constructor(private readonly tenders: DispatchTendersService) {}

  @Post('tenders')
  @ApiOperation({
    summary: 'Tender a load',
    description:
      'Offers a load to the platform, or assigns it when the tender names the carrier. Once per tender id: a ' +
      'repeat answers 200 with the same receipt and changes nothing. Authenticated by `X-Api-Key`, not a bearer ' +
      'token. The faults may answer 503 with `Retry-After` (nothing recorded) or answer late (recorded).',
    security: [],
  })
  @ApiHeader({ name: 'X-Api-Key', required: true, description: 'The API key the platform issued to Lanegate.' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Kept with the tender; the tender id is what makes a repeat the same tender.',
    example: 'TND-SHP-7c1e4a90-1',
  })
  @ApiCreatedResponse({ description: 'Recorded now.', type: TenderReceiptDto })
  @ApiOkResponse({ description: 'Received before; the same receipt.', type: TenderReceiptDto })
  @ApiProblems(400, 401, 409, 503)
  async tender(
    @Body() request: TenderRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TenderReceiptDto> {
    const { created, record } = await this.tenders.receive(request, idempotencyKey);
    void reply.status(created ? 201 : 200);

    return {
      tenderId: record.tenderId,
      platformLoadId: record.platformLoadId,
      status: 'accepted',
      receivedAt: record.receivedAt,
    };
  }
}
