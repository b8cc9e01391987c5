import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { PortalCustomer } from '../portal-customer.decorator.js';
import { NmftaPortal } from './nmfta-portal.service.js';
import { NmftaDocumentResponse, NmftaDocumentsQuery, NmftaInvoice, NmftaInvoicesQuery } from './nmfta.dto.js';

const STANDARD =
  'In the shape of the NMFTA DSDC Invoice & Documents standard (1.0 public preview), under its own paths, so that ' +
  'a shipper system built for it reads the answer unmapped. Amounts are decimal strings written exactly from ' +
  "integer cents. Lanegate does not hold the carrier's USDOT and MC numbers, which the standard requires: they are " +
  'empty, and the carrier is named by the `carrierSCAC` and `carrierName` attributes. Errors are problem+json.';

const DOCUMENTS =
  'Documents offered: the invoice (`INV`) and, once captured, the proof of delivery (`POD`), each a one-page PDF ' +
  'that Lanegate generates from its own records, base64-encoded. The POD record states who signed and when and ' +
  'where the dispatch platform keeps the signed image; it is not the image, which Lanegate does not hold. Lanegate ' +
  'holds no bill of lading (`BOL`).';

@LayerController({ layer: 'experience', path: 'portal/nmfta', tag: 'portal-nmfta' })
@Scopes('portal')
export class PortalNmftaController {
  constructor(@Inject(NmftaPortal) private readonly nmfta: NmftaPortal) {}

  @Get('invoices')
  @ApiOperation({
    summary: 'List your invoices (NMFTA listInvoices)',
    description: `Your invoices, credit memos and rebills as posted in the ERP, newest first, at most 100; narrow with the standard's filters. ${STANDARD}`,
  })
  @ApiOkResponse({ description: 'Your invoices, as the standard shapes them.', type: [NmftaInvoice] })
  @ApiProblems(400, 401, 403, 429, 503)
  listInvoices(@PortalCustomer() customerId: string, @Query() query: NmftaInvoicesQuery): Promise<NmftaInvoice[]> {
    return this.nmfta.invoices(customerId, query);
  }

  @Get('invoices/:uniqueID')
  @ApiOperation({
    summary: 'Get one of your invoices (NMFTA getInvoice)',
    description: `One invoice, credit memo or rebill by Lanegate's document id. Another customer's document answers 404. ${STANDARD}`,
  })
  @ApiParam({
    name: 'uniqueID',
    description: "Lanegate's document id.",
    example: 'INV-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60-v1',
  })
  @ApiOkResponse({ description: 'The invoice, as the standard shapes it.', type: NmftaInvoice })
  @ApiProblems(401, 403, 404, 429, 503)
  getInvoice(@PortalCustomer() customerId: string, @Param('uniqueID') uniqueID: string): Promise<NmftaInvoice> {
    return this.nmfta.invoice(customerId, uniqueID);
  }

  @Get('documents')
  @ApiOperation({
    summary: 'List the supporting documents of your invoices (NMFTA listDocuments)',
    description: `The documents of your invoices, newest invoice first, at most 100 invoices. ${DOCUMENTS} ${STANDARD}`,
  })
  @ApiOkResponse({ description: 'The documents, per invoice.', type: [NmftaDocumentResponse] })
  @ApiProblems(400, 401, 403, 429, 503)
  listDocuments(
    @PortalCustomer() customerId: string,
    @Query() query: NmftaDocumentsQuery,
  ): Promise<NmftaDocumentResponse[]> {
    return this.nmfta.documents(customerId, query);
  }

  @Get('documents/:invoiceNumber')
  @ApiOperation({
    summary: 'Get the supporting documents of one of your invoices (NMFTA getDocument)',
    description: `The documents of the invoice with this ERP number. Another customer's invoice answers 404. ${DOCUMENTS} ${STANDARD}`,
  })
  @ApiParam({ name: 'invoiceNumber', description: "The ERP's invoice number.", example: 'INV-000123' })
  @ApiOkResponse({ description: 'The documents.', type: NmftaDocumentResponse })
  @ApiProblems(401, 403, 404, 429, 503)
  getDocument(
    @PortalCustomer() customerId: string,
    @Param('invoiceNumber') invoiceNumber: string,
  ): Promise<NmftaDocumentResponse> {
    return this.nmfta.documentsOf(customerId, invoiceNumber);
  }
}
