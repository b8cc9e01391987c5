import { Body, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, type Principal, Scopes } from '@lanegate/platform';

import { CustomerScopeQuery } from '../shipments/shipment.dto.js';
import {
  BillingReadinessView,
  BillingReviewAcceptedView,
  InvoiceListView,
  RequestBillingReviewDto,
  SetPurchaseOrderDto,
} from './billing.dto.js';
import { BillingService } from './billing.service.js';

const SHIPMENT_ID = {
  name: 'shipmentId',
  description: 'Lanegate shipment id.',
  example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
};

@LayerController({ layer: 'process', path: 'shipments', tag: 'billing' })
export class BillingController {
  constructor(@Inject(BillingService) private readonly billing: BillingService) {}

  @Get(':shipmentId/billing-readiness')
  @Scopes('ops', 'internal')
  @ApiOperation({
    summary: 'Get billing readiness',
    description:
      'Whether the shipment can be invoiced, and if not every reason why (`awaiting_delivery`, `awaiting_pod`, ' +
      '`accessorial_pending`, `exception_open`, `tax_unresolved`, `po_missing`, `erp_rejected`, `rating_failed`, ' +
      '`credit_hold`), with the charges as rated now and the tax quote. Billing assesses the shipment again on ' +
      'every change of its dispatch state and on every review.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiOkResponse({ description: 'The readiness.', type: BillingReadinessView })
  @ApiProblems(401, 403, 404, 429)
  readiness(@Param('shipmentId') shipmentId: string): Promise<BillingReadinessView> {
    return this.billing.readiness(shipmentId);
  }

  @Get(':shipmentId/invoices')
  @Scopes('ops', 'internal')
  @ApiOperation({
    summary: "List a shipment's invoices",
    description:
      'Invoices, credit memos and rebills of the shipment, oldest first, with their ERP document numbers. A ' +
      'change after posting is a credit memo of the posted invoice plus a rebill, each naming what it corrects.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiOkResponse({ description: 'The documents.', type: InvoiceListView })
  @ApiProblems(400, 401, 403, 404, 429)
  async invoices(
    @Param('shipmentId') shipmentId: string,
    @Query() scope: CustomerScopeQuery,
  ): Promise<InvoiceListView> {
    return { items: await this.billing.invoices(shipmentId, scope.customerId) };
  }

  @Post(':shipmentId/billing-reviews')
  @HttpCode(202)
  @Scopes('ops')
  @ApiOperation({
    summary: 'Request a billing review',
    description:
      'After fixing what held billing outside Lanegate (customer master data, tax setup in the ERP, a closed ' +
      'accounting period), asks billing to assess the shipment again with fresh master data. With ' +
      '`erpRejectionResolved` the invoice the ERP rejected is posted again. Audited.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiAcceptedResponse({ description: 'The review is requested.', type: BillingReviewAcceptedView })
  @ApiProblems(400, 401, 403, 404, 429)
  requestReview(
    @Param('shipmentId') shipmentId: string,
    @Body() request: RequestBillingReviewDto,
    @Req() http: { user: Principal },
  ): Promise<BillingReviewAcceptedView> {
    return this.billing.requestReview(shipmentId, request, http.user);
  }

  @Put(':shipmentId/purchase-order')
  @HttpCode(202)
  @Scopes('ops', 'internal')
  @ApiOperation({
    summary: 'Record the purchase order number',
    description:
      "Sets the customer's PO number on the shipment, for customers whose invoices need one, and has billing " +
      'assess the shipment again. Audited.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiAcceptedResponse({ description: 'Recorded; the assessment follows shortly.', type: BillingReviewAcceptedView })
  @ApiProblems(400, 401, 403, 404, 429)
  setPurchaseOrder(
    @Param('shipmentId') shipmentId: string,
    @Body() request: SetPurchaseOrderDto,
    @Req() http: { user: Principal },
  ): Promise<BillingReviewAcceptedView> {
    return this.billing.setPurchaseOrder(shipmentId, request.purchaseOrder, http.user);
  }
}
