import { HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { ApiProblems, LayerController } from '@lanegate/platform';

import { NMFTA_VENDOR } from './nmfta/nmfta-event-batch.format.js';
import { type SignedRequest, SignedWebhook, signedBody } from './signature/signed-webhook.guard.js';
import { ApiVendorProblems } from './tms-problems.decorator.js';
import { X12_MEDIA_TYPES } from './tms-body-parsers.js';
import {
  NMFTA_EVENT_BATCH_EXAMPLE,
  TRACKLINE_WEBHOOK_EXAMPLE,
  VendorMessageReceiptView,
  X12_214_EXAMPLE,
  X12_997_EXAMPLE,
} from './tms.dto.js';
import { X12MalformedError } from './tms.exception.js';
import { TRACKLINE_VENDOR } from './trackline/trackline-webhook.format.js';
import {
  type InboundVendorMessage,
  type VendorMessageReceipt,
  VendorMessagesService,
} from './vendor-messages.service.js';
import { X12_VENDOR } from './x12/x12-214.format.js';

/** Headers kept with the raw message, for support; the signature itself is not worth keeping. */
const KEPT_HEADERS = ['content-type', 'user-agent', 'webhook-id', 'webhook-timestamp', 'x-correlation-id'] as const;

const SIGNED =
  'Authenticated by a Standard Webhooks signature with one of the secrets Lanegate holds for the vendor, not by a ' +
  'bearer token. ';
const DURABLE =
  'The raw message and the canonical dispatch events translated from it are stored together before the answer; a ' +
  'redelivered event becomes no second event. A status the mapping table does not know is answered 422 and the ' +
  'message is kept, to be replayed once the table knows it.';

/**
 * Where dispatch vendors that speak their own formats deliver shipment status: signed JSON webhooks and X12 214
 * interchanges, translated into canonical `lanegate.dispatch.*` events on the system outbox.
 */
@LayerController({ layer: 'system', path: 'tms', tag: 'TMS' })
export class TmsWebhooksController {
  constructor(private readonly messages: VendorMessagesService) {}

  @Post('webhooks/nmfta')
  @HttpCode(202)
  @SignedWebhook(NMFTA_VENDOR)
  @ApiOperation({
    summary: 'Receive an NMFTA event batch',
    description:
      'The NMFTA DSDC In-Transit Visibility `shipmentEvents` webhook: an `EventBatch`, validated against the ' +
      "standard's own schema. Each event's `eventId` identifies it across redeliveries, its `sequence` orders it per " +
      `shipment, and its \`type\` is mapped to a canonical event. ${SIGNED}${DURABLE}`,
    security: [],
  })
  @ApiBody({
    description: 'An NMFTA In-Transit Visibility `EventBatch` (version 1.0), as the standard defines it.',
    schema: { type: 'object', description: 'NMFTA `EventBatch`.', example: NMFTA_EVENT_BATCH_EXAMPLE },
  })
  @ApiAcceptedResponse({ description: 'Stored; its events are on their way.', type: VendorMessageReceiptView })
  @ApiVendorProblems()
  @ApiProblems(429)
  async nmfta(@Req() request: SignedRequest): Promise<VendorMessageReceiptView> {
    return receiptView(await this.messages.receive(inbound(NMFTA_VENDOR, request)));
  }

  @Post('webhooks/trackline')
  @HttpCode(202)
  @SignedWebhook(TRACKLINE_VENDOR)
  @ApiOperation({
    summary: 'Receive a Trackline webhook',
    description:
      'One route event of the Trackline fleet telematics platform (`RouteStopArrival`, `RouteStopDeparture`, ' +
      '`DriverAssigned`, `DocumentSubmitted` and the rest), its `eventType` mapped to a canonical event. ' +
      `${SIGNED}${DURABLE}`,
    security: [],
  })
  @ApiBody({
    description: 'A Trackline webhook: `eventId`, `eventTime`, `eventType`, and the facts of the event in `data`.',
    schema: { type: 'object', description: 'Trackline webhook.', example: TRACKLINE_WEBHOOK_EXAMPLE },
  })
  @ApiAcceptedResponse({ description: 'Stored; its events are on their way.', type: VendorMessageReceiptView })
  @ApiVendorProblems()
  @ApiProblems(429)
  async trackline(@Req() request: SignedRequest): Promise<VendorMessageReceiptView> {
    return receiptView(await this.messages.receive(inbound(TRACKLINE_VENDOR, request)));
  }

  @Post('x12')
  @HttpCode(200)
  @SignedWebhook(X12_VENDOR)
  @ApiOperation({
    summary: 'Receive an X12 214 interchange',
    description:
      'An ANSI X12 214 shipment status interchange (ISA to IEA, one or more 214 transaction sets of LX loops with ' +
      'AT7 statuses), answered with a 997 functional acknowledgement. A malformed interchange is answered 400 ' +
      `naming the segment and element. ${SIGNED}${DURABLE}`,
    security: [],
  })
  @ApiConsumes(...X12_MEDIA_TYPES)
  @ApiBody({
    description: 'The interchange as the carrier sends it.',
    schema: { type: 'string', description: 'An X12 214 interchange.', example: X12_214_EXAMPLE },
  })
  @ApiOkResponse({
    description: 'The 997 functional acknowledgement: every transaction set received and accepted.',
    content: {
      'application/edi-x12': { schema: { type: 'string', example: X12_997_EXAMPLE }, example: X12_997_EXAMPLE },
    },
  })
  @ApiVendorProblems()
  @ApiProblems(429)
  async x12(@Req() request: SignedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (typeof request.body !== 'string') {
      throw new X12MalformedError(`Send the interchange as ${X12_MEDIA_TYPES.join(' or ')}.`, { segment: 'ISA' });
    }

    const receipt = await this.messages.receive(inbound(X12_VENDOR, request));
    void reply.type('application/edi-x12');

    return receipt.acknowledgement ?? '';
  }
}

function inbound(vendor: string, request: SignedRequest): InboundVendorMessage {
  const headers = Object.fromEntries(
    KEPT_HEADERS.flatMap((name) => {
      const value = request.headers[name];

      return typeof value === 'string' ? [[name, value]] : [];
    }),
  );

  return {
    vendor,
    body: signedBody(request),
    webhookId: request.webhookId ?? '',
    headers,
  };
}

function receiptView(receipt: VendorMessageReceipt): VendorMessageReceiptView {
  return {
    messageId: receipt.message.id,
    vendor: receipt.message.vendor,
    status: receipt.duplicate ? 'duplicate' : 'accepted',
    events: { ...receipt.events },
  };
}
