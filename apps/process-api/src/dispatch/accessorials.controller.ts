import { Body, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, type Principal, Scopes } from '@lanegate/platform';

import { AccessorialRequestsService } from './accessorial-requests.service.js';
import {
  AccessorialEventAcceptedView,
  ApproveAccessorialDto,
  RejectAccessorialDto,
  SubmitAccessorialDto,
} from './accessorial.dto.js';

const SHIPMENT_ID = {
  name: 'shipmentId',
  description: 'Lanegate shipment id.',
  example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
};
const ACCESSORIAL_ID = {
  name: 'accessorialId',
  description: 'Id of the accessorial request, as submitted.',
  example: 'ACC-7781-lumper',
};
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Unique key per logical request; a retry with the same key and body replays the first answer.',
  example: 'acc-7781-lumper-approval',
};

@LayerController({ layer: 'process', path: 'shipments', tag: 'accessorials' })
export class AccessorialsController {
  constructor(@Inject(AccessorialRequestsService) private readonly requests: AccessorialRequestsService) {}

  @Post(':shipmentId/accessorials')
  @HttpCode(202)
  @Scopes('ops', 'dispatch:write')
  @ApiOperation({
    summary: 'Submit an accessorial',
    description:
      'Asks for an accessorial charge (lumper, layover, truck order not used, ...). It becomes an ' +
      '`accessorial_submitted` dispatch event; kinds that need approval hold billing until an operator decides.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiAcceptedResponse({
    description: 'The request is stored and takes effect shortly.',
    type: AccessorialEventAcceptedView,
  })
  @ApiProblems(400, 401, 403, 404, 409, 429)
  submit(
    @Param('shipmentId') shipmentId: string,
    @Body() request: SubmitAccessorialDto,
    @Req() http: { user: Principal },
  ): Promise<AccessorialEventAcceptedView> {
    return this.requests.submit(shipmentId, request, http.user);
  }

  @Post(':shipmentId/accessorials/:accessorialId/approval')
  @HttpCode(202)
  @Scopes('ops')
  @ApiOperation({
    summary: 'Approve an accessorial',
    description:
      'Approves a pending accessorial for the given amount. It becomes an `accessorial_approved` dispatch event ' +
      'from `ops`; the approver (the token subject) and the note are kept in the timeline and the audit log.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiParam(ACCESSORIAL_ID)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiAcceptedResponse({
    description: 'The approval is stored and takes effect shortly.',
    type: AccessorialEventAcceptedView,
  })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429)
  approve(
    @Param('shipmentId') shipmentId: string,
    @Param('accessorialId') accessorialId: string,
    @Body() request: ApproveAccessorialDto,
    @Req() http: { user: Principal },
  ): Promise<AccessorialEventAcceptedView> {
    return this.requests.approve(shipmentId, accessorialId, request, http.user);
  }

  @Post(':shipmentId/accessorials/:accessorialId/rejection')
  @HttpCode(202)
  @Scopes('ops')
  @ApiOperation({
    summary: 'Reject an accessorial',
    description:
      'Refuses a pending accessorial with a reason. It becomes an `accessorial_rejected` dispatch event from `ops`; ' +
      'the operator (the token subject) is kept in the timeline and the audit log.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiParam(ACCESSORIAL_ID)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiAcceptedResponse({
    description: 'The rejection is stored and takes effect shortly.',
    type: AccessorialEventAcceptedView,
  })
  @ApiProblems(400, 401, 403, 404, 409, 429)
  reject(
    @Param('shipmentId') shipmentId: string,
    @Param('accessorialId') accessorialId: string,
    @Body() request: RejectAccessorialDto,
    @Req() http: { user: Principal },
  ): Promise<AccessorialEventAcceptedView> {
    return this.requests.reject(shipmentId, accessorialId, request, http.user);
  }
}
