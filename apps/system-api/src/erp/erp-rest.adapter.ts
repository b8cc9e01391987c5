import { Injectable } from '@nestjs/common';

import { ErpClient, type ErpRequest, type ErpResponse } from './erp.client.js';
import type {
  ErpContract,
  ErpCreditCheck,
  ErpCreditCheckRequest,
  ErpCreditMemoPosting,
  ErpCustomer,
  ErpDocument,
  ErpDocumentPage,
  ErpDocumentType,
  ErpFuelSurcharge,
  ErpInvoicePosting,
  ErpPort,
  ErpPostedDocument,
  ErpPostedRange,
  ErpTaxQuote,
  ErpTaxQuoteRequest,
} from './erp.port.js';
import type { ErpTransaction } from './erp.metrics.js';
import { ErpCallGate } from './erp-call-gate.service.js';

/**
 * The cloud ERP's REST API (see `docs/sandbox-erp-contract.md`), each call through the {@link ErpCallGate} under
 * its transaction type: postings, reference lookups or reconciliation reads.
 */
@Injectable()
export class RestErpAdapter implements ErpPort {
  constructor(
    private readonly client: ErpClient,
    private readonly gate: ErpCallGate,
  ) {}

  customer(customerId: string): Promise<ErpCustomer> {
    return this.call('customer', 'reference', { method: 'GET', path: `/customers/${encodeURIComponent(customerId)}` });
  }

  contract(customerId: string): Promise<ErpContract> {
    return this.call('contract', 'reference', {
      method: 'GET',
      path: `/customers/${encodeURIComponent(customerId)}/contract`,
    });
  }

  fuelSurcharge(): Promise<ErpFuelSurcharge> {
    return this.call('fuelSurcharge', 'reference', { method: 'GET', path: '/fuel-surcharge' });
  }

  quoteTax(request: ErpTaxQuoteRequest): Promise<ErpTaxQuote> {
    return this.call('quoteTax', 'reference', { method: 'POST', path: '/tax-quotes', body: request });
  }

  checkCredit(request: ErpCreditCheckRequest): Promise<ErpCreditCheck> {
    return this.call('checkCredit', 'reference', { method: 'POST', path: '/credit-checks', body: request });
  }

  postInvoice(posting: ErpInvoicePosting): Promise<ErpPostedDocument> {
    const { invoiceId, ...invoice } = posting;

    return this.post('postInvoice', 'invoice', invoiceId, {
      method: 'POST',
      path: '/invoices',
      headers: { 'Idempotency-Key': invoiceId },
      body: { externalReference: invoiceId, ...invoice },
    });
  }

  postCreditMemo(posting: ErpCreditMemoPosting): Promise<ErpPostedDocument> {
    const { creditMemoId, ...creditMemo } = posting;

    return this.post('postCreditMemo', 'credit_memo', creditMemoId, {
      method: 'POST',
      path: '/credit-memos',
      headers: { 'Idempotency-Key': creditMemoId },
      body: { externalReference: creditMemoId, ...creditMemo },
    });
  }

  async findInvoiceByExternalReference(externalReference: string): Promise<ErpDocument | undefined> {
    return this.gate.call({
      operation: 'findInvoiceByExternalReference',
      transaction: 'reference',
      send: (signal) => this.lookup(externalReference, signal),
    });
  }

  async listInvoicesPosted(range: ErpPostedRange): Promise<ErpDocumentPage> {
    const page = await this.call<{ items: ErpDocument[]; total?: number }>('listInvoicesPosted', 'reconciliation', {
      method: 'GET',
      path: '/invoices',
      query: { postedFrom: range.postedFrom, postedTo: range.postedTo, page: range.page, pageSize: range.pageSize },
    });

    return { items: page.items, total: page.total ?? page.items.length };
  }

  private call<T>(operation: string, transaction: ErpTransaction, request: ErpRequest): Promise<T> {
    return this.gate.call({ operation, transaction, send: (signal) => this.client.send<T>(request, signal) });
  }

  private post(
    operation: string,
    type: ErpDocumentType,
    externalReference: string,
    request: ErpRequest,
  ): Promise<ErpPostedDocument> {
    return this.gate.post({
      operation,
      send: async (signal) => {
        const response = await this.client.send<PostingAnswer>(request, signal);

        return { status: response.status, data: postedDocument(response.data, type) };
      },
      lookup: {
        operation: 'findInvoiceByExternalReference',
        send: async (signal) => {
          const response = await this.lookup(externalReference, signal);

          return { status: response.status, data: response.data && postedDocument(response.data, type) };
        },
      },
    });
  }

  private async lookup(externalReference: string, signal: AbortSignal): Promise<ErpResponse<ErpDocument | undefined>> {
    const response = await this.client.send<{ items: ErpDocument[] }>(
      { method: 'GET', path: '/invoices', query: { externalReference } },
      signal,
    );

    return { status: response.status, data: response.data.items[0] };
  }
}

/** The members a posting answers with; the document's type is implied by the route. */
type PostingAnswer = Omit<ErpPostedDocument, 'type' | 'status'> & { type?: ErpDocumentType; status?: string };

function postedDocument(answer: PostingAnswer, type: ErpDocumentType): ErpPostedDocument {
  return {
    documentNumber: answer.documentNumber,
    type: answer.type ?? type,
    externalReference: answer.externalReference,
    status: 'posted',
    postedAt: answer.postedAt,
    totalCents: answer.totalCents,
    ...(answer.creditsDocumentNumber ? { creditsDocumentNumber: answer.creditsDocumentNumber } : {}),
  };
}
