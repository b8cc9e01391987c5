import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import {
  INVOICE_ID_PARAM,
  PortalInvoiceListView,
  PortalInvoicePage,
  PortalInvoicesQuery,
  PortalInvoiceView,
} from './portal-invoice.dto.js';
import { toPortalInvoice } from './portal-invoice.mapper.js';
import { PortalCustomer } from './portal-customer.decorator.js';
import { PortalReads } from './portal-reads.service.js';
import { SHIPMENT_ID_PARAM } from './portal-shipment.dto.js';

@LayerController({ layer: 'experience', path: 'portal', tag: 'portal' })
@Scopes('portal')
export class PortalInvoicesController {
  constructor(@Inject(PortalReads) private readonly reads: PortalReads) {}

  @Get('invoices')
  @ApiOperation({
    summary: 'List your invoices',
    description:
      'Your invoices, credit memos and rebills as posted in the ERP, newest first, with lines in integer cents, ' +
      'tax, total and ERP document number.',
  })
  @ApiOkResponse({ description: 'One page of your documents.', type: PortalInvoicePage })
  @ApiProblems(400, 401, 403, 429, 503)
  async invoices(
    @PortalCustomer() customerId: string,
    @Query() query: PortalInvoicesQuery,
  ): Promise<PortalInvoicePage> {
    const page = await this.reads.invoices(customerId, query);

    return { items: page.items.map(toPortalInvoice), total: page.total, page: page.page, pageSize: page.pageSize };
  }

  @Get('invoices/:invoiceId')
  @ApiOperation({
    summary: 'Get one of your invoices',
    description:
      "An invoice, credit memo or rebill as posted in the ERP. Another customer's document, or one the ERP does " +
      'not hold (still posting, or rejected), answers 404.',
  })
  @ApiParam(INVOICE_ID_PARAM)
  @ApiOkResponse({ description: 'The document.', type: PortalInvoiceView })
  @ApiProblems(401, 403, 404, 429, 503)
  async invoice(
    @PortalCustomer() customerId: string,
    @Param('invoiceId') invoiceId: string,
  ): Promise<PortalInvoiceView> {
    return toPortalInvoice(await this.reads.invoice(customerId, invoiceId));
  }

  @Get('shipments/:shipmentId/invoices')
  @ApiOperation({
    summary: "List your shipment's invoices",
    description:
      'Invoices, credit memos and rebills of the shipment as posted in the ERP, oldest first; a correction is a ' +
      "credit memo of the posted invoice plus a rebill, each naming what it corrects. Another customer's shipment " +
      'answers 404.',
  })
  @ApiParam(SHIPMENT_ID_PARAM)
  @ApiOkResponse({ description: 'The documents.', type: PortalInvoiceListView })
  @ApiProblems(401, 403, 404, 429, 503)
  async invoicesOf(
    @PortalCustomer() customerId: string,
    @Param('shipmentId') shipmentId: string,
  ): Promise<PortalInvoiceListView> {
    const invoices = await this.reads.invoicesOf(customerId, shipmentId);

    return { items: invoices.map(toPortalInvoice) };
  }
}
