import { Body, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';

import { ApiProblems, LayerController, RequestValidationError, Scopes } from '@lanegate/platform';

import {
  ErpDocumentPageView,
  ErpDocumentQueryDto,
  PostCreditMemoRequestDto,
  PostedDocumentView,
  PostInvoiceRequestDto,
} from './erp-document.dto.js';
import { ApiErpRejection, ApiErpUnavailable } from './erp-problems.decorator.js';
import { ERP_PORT, type ErpPort } from './erp.port.js';

const REFERENCE_CONFLICT = {
  code: 'EXTERNAL_REFERENCE_CONFLICT',
  title: 'External reference in use',
  detail: 'External reference INV-SHP-7781-v1 already belongs to CM-000012.',
};

/** Invoices and credit memos in the ERP: idempotent posting, lookup by Lanegate id, and reconciliation reads. */
@LayerController({ layer: 'system', path: 'erp', tag: 'ERP' })
@Scopes('internal', 'ops')
@ApiProblems(401, 403, 429)
@ApiErpUnavailable()
export class ErpDocumentsController {
  constructor(@Inject(ERP_PORT) private readonly erp: ErpPort) {}

  @Post('invoices')
  @ApiOperation({
    summary: 'Post an invoice to the ERP',
    description:
      'Posts once per `invoiceId`: a repeat, or a retry after an unanswered attempt, answers the document already ' +
      'posted. Postings go ahead of every other ERP call in the quota queue.',
  })
  @ApiCreatedResponse({ description: 'The posted ERP document (posted now or before).', type: PostedDocumentView })
  @ApiProblems(400)
  @ApiErpRejection(404, {
    code: 'CUSTOMER_NOT_FOUND',
    title: 'customer not found',
    detail: 'No customer with id C-9999 exists.',
  })
  @ApiErpRejection(409, REFERENCE_CONFLICT)
  @ApiErpRejection(422, {
    code: 'INVOICE_INVALID',
    title: 'Invoice rejected',
    detail: 'The lines add up to 101460 cents, but totalCents minus taxCents is 101470 cents.',
  })
  postInvoice(@Body() request: PostInvoiceRequestDto): Promise<PostedDocumentView> {
    return this.erp.postInvoice(request);
  }

  @Post('credit-memos')
  @ApiOperation({
    summary: 'Post a credit memo to the ERP',
    description:
      'Credits a posted invoice, fully or in part, once per `creditMemoId`: a repeat answers the document already ' +
      'posted.',
  })
  @ApiCreatedResponse({ description: 'The posted ERP credit memo (posted now or before).', type: PostedDocumentView })
  @ApiProblems(400)
  @ApiErpRejection(404, {
    code: 'INVOICE_NOT_FOUND',
    title: 'invoice not found',
    detail: 'No invoice with id INV-000999 exists.',
  })
  @ApiErpRejection(409, REFERENCE_CONFLICT)
  @ApiErpRejection(422, {
    code: 'CREDIT_MEMO_INVALID',
    title: 'Credit memo rejected',
    detail: 'A credit of 120000 cents exceeds the 107801 cents of INV-000123 not yet credited.',
  })
  postCreditMemo(@Body() request: PostCreditMemoRequestDto): Promise<PostedDocumentView> {
    return this.erp.postCreditMemo(request);
  }

  @Get('invoices')
  @ApiOperation({
    summary: 'Find invoices and credit memos in the ERP',
    description:
      'Either the document posted for one Lanegate id (`externalReference`: 0 or 1 item), or the documents posted ' +
      'in a range (`postedFrom` inclusive, `postedTo` exclusive), oldest first, a page at a time. Range reads are ' +
      'reconciliation work and wait behind postings and lookups for the quota.',
  })
  @ApiOkResponse({ description: 'The documents found.', type: ErpDocumentPageView })
  @ApiProblems(400)
  async findInvoices(@Query() query: ErpDocumentQueryDto): Promise<ErpDocumentPageView> {
    if (query.externalReference !== undefined) {
      assertOnlyReference(query);
      const document = await this.erp.findInvoiceByExternalReference(query.externalReference);

      return { items: document ? [document] : [], total: document ? 1 : 0 };
    }
    if (query.postedFrom === undefined || query.postedTo === undefined) {
      throw new RequestValidationError([
        { field: 'postedFrom', messages: ['give externalReference, or both postedFrom and postedTo'] },
      ]);
    }

    return this.erp.listInvoicesPosted({
      postedFrom: query.postedFrom,
      postedTo: query.postedTo,
      page: query.page,
      pageSize: query.pageSize,
    });
  }
}

function assertOnlyReference(query: ErpDocumentQueryDto): void {
  const ranged = [query.postedFrom, query.postedTo, query.page, query.pageSize].some((value) => value !== undefined);
  if (ranged) {
    throw new RequestValidationError([
      { field: 'externalReference', messages: ['externalReference cannot be combined with a posting range or paging'] },
    ]);
  }
}
