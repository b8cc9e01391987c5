import { Body, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { ApiProblems, ApplicationError } from '@lanegate/platform';

import {
  DocumentLookupQueryDto,
  DocumentPageDto,
  PostCreditMemoRequestDto,
  PostedCreditMemoDto,
  PostedInvoiceDto,
  PostInvoiceRequestDto,
} from './erp-documents.dto.js';
import { ErpDocumentsService, type PostingResult } from './erp-documents.service.js';
import { ErpResourceController } from './erp-resource.decorator.js';

const VALID_IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

const IDEMPOTENCY_HEADER_DOC = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A repeat with the same key answers 200 with the document already posted.',
  example: 'inv-SHP-7781-v1',
};

/** Invoices and credit memos in the sandbox ERP: idempotent posting and lookups. */
@ErpResourceController()
export class ErpDocumentsController {
  constructor(private readonly documents: ErpDocumentsService) {}

  @Post('invoices')
  @ApiOperation({
    summary: 'Post an invoice',
    description:
      'Posts once per external reference (or Idempotency-Key): a repeat answers 200 with the same document. ' +
      'Rejected with 422 when the lines do not add up or the tax data of the customer is invalid.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiCreatedResponse({ description: 'Posted now.', type: PostedInvoiceDto })
  @ApiOkResponse({ description: 'Posted before; the same document.', type: PostedInvoiceDto })
  @ApiProblems(400, 404, 409, 422)
  postInvoice(
    @Body() request: PostInvoiceRequestDto,
    @Headers('idempotency-key') key: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): PostedInvoiceDto {
    const result = this.documents.postInvoice(request, idempotencyKey(key));

    return answer(result, reply);
  }

  @Post('credit-memos')
  @ApiOperation({
    summary: 'Post a credit memo',
    description:
      'Credits a posted invoice, fully or in part, once per external reference (or Idempotency-Key). Totals are ' +
      'negative and may not credit more than the invoice has left.',
  })
  @ApiHeader(IDEMPOTENCY_HEADER_DOC)
  @ApiCreatedResponse({ description: 'Posted now.', type: PostedCreditMemoDto })
  @ApiOkResponse({ description: 'Posted before; the same document.', type: PostedCreditMemoDto })
  @ApiProblems(400, 404, 409, 422)
  postCreditMemo(
    @Body() request: PostCreditMemoRequestDto,
    @Headers('idempotency-key') key: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): PostedCreditMemoDto | PostedInvoiceDto {
    const result = this.documents.postCreditMemo(request, idempotencyKey(key));

    return answer(result, reply);
  }

  @Get('invoices')
  @ApiOperation({
    summary: 'Find invoices and credit memos',
    description:
      'By `externalReference` (0 or 1 item), or by posting time: `postedFrom` inclusive, `postedTo` exclusive, ' +
      'paged, oldest first, with the total.',
  })
  @ApiOkResponse({ description: 'The documents found.', type: DocumentPageDto })
  @ApiProblems(400)
  find(@Query() query: DocumentLookupQueryDto): DocumentPageDto {
    return this.documents.find(query);
  }
}

function idempotencyKey(header: unknown): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  if (typeof header !== 'string' || !VALID_IDEMPOTENCY_KEY.test(header)) {
    throw new ApplicationError({
      code: 'IDEMPOTENCY_KEY_INVALID',
      status: 400,
      title: 'Invalid Idempotency-Key',
      detail: 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.',
    });
  }

  return header;
}

/** 201 for a document posted now, 200 for one posted before. */
function answer({ created, document }: PostingResult, reply: FastifyReply): PostedCreditMemoDto | PostedInvoiceDto {
  void reply.status(created ? 201 : 200);
  const posted: PostedInvoiceDto = {
    documentNumber: document.documentNumber,
    externalReference: document.externalReference,
    status: 'posted',
    postedAt: document.postedAt,
    totalCents: document.totalCents,
  };

  return document.creditsDocumentNumber === undefined
    ? posted
    : { ...posted, creditsDocumentNumber: document.creditsDocumentNumber };
}
