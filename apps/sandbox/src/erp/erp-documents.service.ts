import { Injectable } from '@nestjs/common';

import { ApplicationError, RequestValidationError, ResourceNotFoundError } from '@lanegate/platform';

import { ErpCustomersService } from './erp-customers.service.js';
import type {
  DocumentLineDto,
  DocumentLookupQueryDto,
  DocumentPageDto,
  PostCreditMemoRequestDto,
  PostInvoiceRequestDto,
} from './erp-documents.dto.js';
import {
  type ErpDocument,
  type ErpDocumentLine,
  type ErpDocumentRecord,
  type ErpDocumentType,
  SandboxErpState,
} from './sandbox-erp-state.service.js';

const DEFAULT_PAGE_SIZE = 50;

/** The outcome of a posting: a new document, or the one an earlier posting of the same request created. */
export interface PostingResult {
  created: boolean;
  document: ErpDocumentRecord;
}

/** The document as the ERP's API shows it, without what the ERP keeps beside it. */
export function toErpDocument(record: ErpDocumentRecord): ErpDocument {
  return {
    documentNumber: record.documentNumber,
    type: record.type,
    externalReference: record.externalReference,
    customerId: record.customerId,
    currency: record.currency,
    lines: record.lines.map((line) => ({ ...line })),
    taxCents: record.taxCents,
    totalCents: record.totalCents,
    postedAt: record.postedAt,
    ...(record.creditsDocumentNumber === undefined ? {} : { creditsDocumentNumber: record.creditsDocumentNumber }),
  };
}

/**
 * Posts invoices and credit memos, each at most once: a repeat of the external reference or of the
 * Idempotency-Key returns the document already posted, whatever the repeat's body says.
 */
@Injectable()
export class ErpDocumentsService {
  constructor(
    private readonly state: SandboxErpState,
    private readonly customers: ErpCustomersService,
  ) {}

  postInvoice(request: PostInvoiceRequestDto, idempotencyKey: string | undefined): PostingResult {
    const posted = this.alreadyPosted('invoice', request.externalReference, idempotencyKey);
    if (posted) {
      return { created: false, document: posted };
    }

    const customer = this.customers.require(request.customerId);
    this.customers.assertTaxAccepted(customer);
    const rejection = this.state.currentFaults().postingRejection;
    if (rejection !== null) {
      throw new ApplicationError({
        code: rejection.code,
        status: 422,
        title: 'Invoice rejected',
        detail: rejection.detail,
      });
    }
    if (request.currency !== customer.currency) {
      throw documentInvalid('INVOICE_INVALID', `Customer ${customer.id} is invoiced in ${customer.currency}.`);
    }
    assertLinesAddUp('INVOICE_INVALID', request);

    return this.save({
      type: 'invoice',
      externalReference: request.externalReference,
      customerId: customer.id,
      currency: request.currency,
      lines: request.lines.map(copyLine),
      taxCents: request.taxCents,
      totalCents: request.totalCents,
      idempotencyKey,
      issuedAt: request.issuedAt,
      purchaseOrder: request.purchaseOrder,
      carrier: request.carrier ? { scac: request.carrier.scac, name: request.carrier.name } : undefined,
    });
  }

  postCreditMemo(request: PostCreditMemoRequestDto, idempotencyKey: string | undefined): PostingResult {
    const posted = this.alreadyPosted('credit_memo', request.externalReference, idempotencyKey);
    if (posted) {
      return { created: false, document: posted };
    }

    const invoice = this.state.document(request.invoiceDocumentNumber);
    if (invoice?.type !== 'invoice') {
      throw new ResourceNotFoundError('invoice', request.invoiceDocumentNumber);
    }
    assertLinesAddUp('CREDIT_MEMO_INVALID', request);
    const uncreditedCents = invoice.totalCents + this.creditedCents(invoice.documentNumber);
    if (-request.totalCents > uncreditedCents) {
      throw documentInvalid(
        'CREDIT_MEMO_INVALID',
        `A credit of ${-request.totalCents} cents exceeds the ${uncreditedCents} cents of ${invoice.documentNumber} not yet credited.`,
      );
    }

    return this.save({
      type: 'credit_memo',
      externalReference: request.externalReference,
      customerId: invoice.customerId,
      currency: invoice.currency,
      lines: request.lines.map(copyLine),
      taxCents: request.taxCents,
      totalCents: request.totalCents,
      creditsDocumentNumber: invoice.documentNumber,
      idempotencyKey,
      reason: request.reason,
    });
  }

  /** One document by external reference, or the documents posted in a half-open range, oldest first. */
  find(query: DocumentLookupQueryDto): DocumentPageDto {
    if (query.externalReference !== undefined) {
      const paged = [query.postedFrom, query.postedTo, query.page, query.pageSize].some((value) => value !== undefined);
      if (paged) {
        throw new RequestValidationError([
          {
            field: 'externalReference',
            messages: ['externalReference cannot be combined with postedFrom, postedTo, page or pageSize'],
          },
        ]);
      }
      const document = this.state.documentByExternalReference(query.externalReference);

      return { items: document ? [toErpDocument(document)] : [] };
    }

    const from = query.postedFrom === undefined ? -Infinity : Date.parse(query.postedFrom);
    const to = query.postedTo === undefined ? Infinity : Date.parse(query.postedTo);
    const inRange = this.state.allDocuments().filter((document) => {
      const postedAt = Date.parse(document.postedAt);

      return from <= postedAt && postedAt < to;
    });
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const start = ((query.page ?? 1) - 1) * pageSize;

    return { items: inRange.slice(start, start + pageSize).map(toErpDocument), total: inRange.length };
  }

  /**
   * The document an earlier posting created, by external reference first, then by Idempotency-Key. External
   * references are unique across document types, so a lookup by reference finds at most one document.
   */
  private alreadyPosted(
    type: ErpDocumentType,
    externalReference: string,
    idempotencyKey: string | undefined,
  ): ErpDocumentRecord | undefined {
    const byReference = this.state.documentByExternalReference(externalReference);
    if (byReference && byReference.type !== type) {
      throw new ApplicationError({
        code: 'EXTERNAL_REFERENCE_CONFLICT',
        status: 409,
        title: 'External reference in use',
        detail: `External reference ${externalReference} already belongs to ${byReference.documentNumber}.`,
      });
    }

    return (
      byReference ??
      (idempotencyKey === undefined ? undefined : this.state.documentByIdempotencyKey(type, idempotencyKey))
    );
  }

  private save(document: Omit<ErpDocumentRecord, 'documentNumber' | 'postedAt'>): PostingResult {
    const record: ErpDocumentRecord = {
      documentNumber: this.state.nextDocumentNumber(document.type),
      postedAt: new Date().toISOString(),
      ...withoutUndefined(document),
    };
    this.state.saveDocument(record);

    return { created: true, document: record };
  }

  private creditedCents(invoiceNumber: string): number {
    return this.state
      .allDocuments()
      .filter((document) => document.creditsDocumentNumber === invoiceNumber)
      .reduce((sum, document) => sum + document.totalCents, 0);
  }
}

function copyLine(line: DocumentLineDto): ErpDocumentLine {
  return {
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    rateCents: line.rateCents,
    amountCents: line.amountCents,
  };
}

function assertLinesAddUp(
  code: 'INVOICE_INVALID' | 'CREDIT_MEMO_INVALID',
  request: { lines: DocumentLineDto[]; taxCents: number; totalCents: number },
): void {
  const linesCents = request.lines.reduce((sum, line) => sum + line.amountCents, 0);
  if (linesCents !== request.totalCents - request.taxCents) {
    throw documentInvalid(
      code,
      `The lines add up to ${linesCents} cents, but totalCents minus taxCents is ${request.totalCents - request.taxCents} cents.`,
    );
  }
}

function documentInvalid(code: 'INVOICE_INVALID' | 'CREDIT_MEMO_INVALID', detail: string): ApplicationError {
  const title = code === 'INVOICE_INVALID' ? 'Invoice rejected' : 'Credit memo rejected';

  return new ApplicationError({ code, status: 422, title, detail });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
