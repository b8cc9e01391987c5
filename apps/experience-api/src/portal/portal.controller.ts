import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblem, ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { PortalCustomer } from './portal-customer.decorator.js';
import { PortalReads } from './portal-reads.service.js';
import {
  PortalProofOfDeliveryView,
  PortalShipmentDetailView,
  PortalShipmentPage,
  PortalShipmentsQuery,
  SHIPMENT_ID_PARAM,
} from './portal-shipment.dto.js';
import { toPortalShipment, toPortalShipmentDetail } from './portal-shipment.mapper.js';
import { ProofOfDeliveryNotCapturedError } from './portal.exception.js';

@LayerController({ layer: 'experience', path: 'portal', tag: 'portal' })
@Scopes('portal')
export class PortalController {
  constructor(@Inject(PortalReads) private readonly reads: PortalReads) {}

  @Get('shipments')
  @ApiOperation({
    summary: 'List your shipments',
    description:
      "The shipments of the token's customer, newest first, filtered by canonical status and creation time; other " +
      "customers' shipments are never shown.",
  })
  @ApiOkResponse({ description: 'One page of your shipments.', type: PortalShipmentPage })
  @ApiProblems(400, 401, 403, 429, 503)
  async shipments(
    @PortalCustomer() customerId: string,
    @Query() query: PortalShipmentsQuery,
  ): Promise<PortalShipmentPage> {
    const page = await this.reads.shipments(customerId, query);

    return { items: page.items.map(toPortalShipment), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  @Get('shipments/:shipmentId')
  @ApiOperation({
    summary: 'Get one of your shipments',
    description:
      'The shipment with its stops (appointment, arrival, departure), carrier, miles, delivery, whether the proof ' +
      "of delivery is captured, and its timeline. Another customer's shipment answers 404.",
  })
  @ApiParam(SHIPMENT_ID_PARAM)
  @ApiOkResponse({ description: 'The shipment.', type: PortalShipmentDetailView })
  @ApiProblems(401, 403, 404, 429, 503)
  async shipment(
    @PortalCustomer() customerId: string,
    @Param('shipmentId') shipmentId: string,
  ): Promise<PortalShipmentDetailView> {
    const shipment = await this.reads.shipment(customerId, shipmentId);
    const [statusChanges, invoices] = await Promise.all([
      this.reads.statusChanges(customerId, shipmentId),
      this.reads.invoicesOf(customerId, shipmentId),
    ]);

    return toPortalShipmentDetail({ shipment, statusChanges, invoices });
  }

  @Get('shipments/:shipmentId/proof-of-delivery')
  @ApiOperation({
    summary: 'Get the proof of delivery of your shipment',
    description:
      'When the delivery receipt was signed, by whom, and where the dispatch platform keeps its image, as the ' +
      "dispatch events reported them. Another customer's shipment answers 404.",
  })
  @ApiParam(SHIPMENT_ID_PARAM)
  @ApiOkResponse({ description: 'The proof of delivery.', type: PortalProofOfDeliveryView })
  @ApiProblems(401, 403, 429, 503)
  @ApiProblem(404, {
    description: 'No such shipment of yours (`SHIPMENT_NOT_FOUND`), or no proof of delivery captured yet.',
    code: 'PROOF_OF_DELIVERY_NOT_FOUND',
    title: 'proof of delivery not found',
    detail: 'No proof of delivery has been captured for shipment SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60 yet.',
  })
  async proofOfDelivery(
    @PortalCustomer() customerId: string,
    @Param('shipmentId') shipmentId: string,
  ): Promise<PortalProofOfDeliveryView> {
    const shipment = await this.reads.shipment(customerId, shipmentId);
    const proof = shipment.dispatch?.proofOfDelivery ?? null;
    if (proof === null) {
      throw new ProofOfDeliveryNotCapturedError(shipmentId);
    }

    return {
      shipmentId: shipment.id,
      capturedAt: proof.capturedAt,
      signedBy: proof.signedBy,
      documentUrl: proof.documentUrl,
      deliveredAt: shipment.dispatch?.deliveredAt ?? null,
    };
  }
}
