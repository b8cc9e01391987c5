import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { CustomerScopeQuery } from '../shipments/shipment.dto.js';
import { InvoicePage, InvoiceView, ListInvoicesQuery } from './billing.dto.js';
import { InvoiceQueries } from './invoice-queries.service.js';

@LayerController({ layer: 'process', path: 'invoices', tag: 'billing' })
@Scopes('ops', 'internal')
export class InvoicesController {
  constructor(@Inject(InvoiceQueries) private readonly invoices: InvoiceQueries) {}

  @Get()
  @ApiOperation({
    summary: 'List invoices',
    description:
      'Invoices, credit memos and rebills of every shipment, newest first, filtered by customer, shipment, ERP ' +
      'document number and kind, and paged.',
  })
  @ApiOkResponse({ description: 'One page of documents.', type: InvoicePage })
  @ApiProblems(400, 401, 403, 429)
  list(@Query() query: ListInvoicesQuery): Promise<InvoicePage> {
    return this.invoices.page(query);
  }

  @Get(':invoiceId')
  @ApiOperation({
    summary: 'Get an invoice',
    description: 'One invoice, credit memo or rebill with its lines in cents, tax, total, status and ERP number.',
  })
  @ApiParam({ name: 'invoiceId', description: "Lanegate's document id.", example: 'INV-SHP-3f2c9a4e-v1' })
  @ApiOkResponse({ description: 'The document.', type: InvoiceView })
  @ApiProblems(400, 401, 403, 404, 429)
  get(@Param('invoiceId') invoiceId: string, @Query() scope: CustomerScopeQuery): Promise<InvoiceView> {
    return this.invoices.get(invoiceId, scope.customerId);
  }
}
