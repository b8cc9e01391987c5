import { HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, type Principal, Scopes } from '@lanegate/platform';

import { VendorMessageReceiptView } from './tms.dto.js';
import { VendorMessagesService } from './vendor-messages.service.js';

@LayerController({ layer: 'system', path: 'tms/raw-messages', tag: 'TMS' })
@Scopes('ops')
export class RawVendorMessagesController {
  constructor(private readonly messages: VendorMessagesService) {}

  @Post(':messageId/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay a raw vendor message',
    description:
      "Runs a stored dispatch vendor message through its vendor's mapping table again, typically one rejected for " +
      'an unknown status after the table learnt it. Events already in the outbox are not appended twice; the ' +
      'replay is recorded in the audit log. A message that still cannot be mapped answers 400 or 422 and stays ' +
      'rejected.',
  })
  @ApiParam({
    name: 'messageId',
    description: 'Id of the raw message, as the rejection problem gave it in `rawMessageId`.',
    example: '0b6f3c52-7d7e-4f0b-9f43-1f7c3e2a9d10',
  })
  @ApiOkResponse({ description: 'The message was mapped and its new events stored.', type: VendorMessageReceiptView })
  @ApiProblems(400, 401, 403, 404, 422, 429)
  async replay(
    @Param('messageId') messageId: string,
    @Req() request: { user: Principal },
  ): Promise<VendorMessageReceiptView> {
    const receipt = await this.messages.replay(messageId, request.user.subject);

    return {
      messageId: receipt.message.id,
      vendor: receipt.message.vendor,
      status: 'accepted',
      events: { ...receipt.events },
    };
  }
}
