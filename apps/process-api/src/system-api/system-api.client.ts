import { Inject, Injectable } from '@nestjs/common';
import type { AxiosInstance } from 'axios';

import { createLayerClient, LANEGATE_CONFIG, type LanegateConfig, TokenIssuer } from '@lanegate/platform';

import type {
  CreditCheckAnswer,
  CreditMemoPosting,
  CustomerAccount,
  CustomerContract,
  ErpDocument,
  ErpCallLatency,
  ErpDocumentPage,
  FuelSurchargeSchedule,
  InvoicePosting,
  PostedDocument,
  TaxQuoteAnswer,
  TaxQuoteRequest,
} from './system-api.types.js';

/**
 * The system API as the process layer calls it: over HTTP, with an `internal` token and the correlation id, never
 * the ERP directly. A refusal (4xx) arrives as an `ApplicationError` with the system layer's code (the ERP's own,
 * for ERP rejections); a system layer or ERP that cannot answer as `UpstreamUnavailableError` (503).
 */
@Injectable()
export class SystemApiClient {
  private readonly http: AxiosInstance;

  constructor(@Inject(LANEGATE_CONFIG) config: LanegateConfig, @Inject(TokenIssuer) tokens: TokenIssuer) {
    this.http = createLayerClient({
      baseUrl: config.layerUrls.system,
      caller: 'process-api',
      tokens,
      // A posting waits for the ERP quota and its retries in the system layer; give it the ERP's own time.
      timeoutMs: Math.max(config.layerCallTimeoutMs, 3 * config.erp.timeoutMs),
    });
  }

  async customer(customerId: string): Promise<CustomerAccount> {
    return (await this.http.get<CustomerAccount>(`/system/v1/erp/customers/${encodeURIComponent(customerId)}`)).data;
  }

  async contract(customerId: string): Promise<CustomerContract> {
    const path = `/system/v1/erp/customers/${encodeURIComponent(customerId)}/contract`;

    return (await this.http.get<CustomerContract>(path)).data;
  }

  async fuelSurcharge(): Promise<FuelSurchargeSchedule> {
    return (await this.http.get<FuelSurchargeSchedule>('/system/v1/erp/fuel-surcharge')).data;
  }

  async quoteTax(request: TaxQuoteRequest): Promise<TaxQuoteAnswer> {
    return (await this.http.post<TaxQuoteAnswer>('/system/v1/erp/tax-quotes', request)).data;
  }

  async checkCredit(customerId: string, amountCents: number): Promise<CreditCheckAnswer> {
    return (await this.http.post<CreditCheckAnswer>('/system/v1/erp/credit-checks', { customerId, amountCents })).data;
  }

  async postInvoice(posting: InvoicePosting): Promise<PostedDocument> {
    return (await this.http.post<PostedDocument>('/system/v1/erp/invoices', posting)).data;
  }

  async postCreditMemo(posting: CreditMemoPosting): Promise<PostedDocument> {
    return (await this.http.post<PostedDocument>('/system/v1/erp/credit-memos', posting)).data;
  }

  /** The ERP's document for a Lanegate invoice or credit memo id, if the ERP holds one. */
  async findDocument(externalReference: string): Promise<ErpDocument | undefined> {
    const { data } = await this.http.get<ErpDocumentPage>('/system/v1/erp/invoices', {
      params: { externalReference },
    });

    return data.items[0];
  }

  /** One page of the documents the ERP posted in `[postedFrom, postedTo)`, oldest first. */
  async documentsPosted(range: {
    postedFrom: string;
    postedTo: string;
    page: number;
    pageSize: number;
  }): Promise<ErpDocumentPage> {
    return (await this.http.get<ErpDocumentPage>('/system/v1/erp/invoices', { params: range })).data;
  }

  /** Median and 95th percentile of the ERP calls the answering system-api process made lately. */
  async erpCallLatency(): Promise<ErpCallLatency> {
    return (await this.http.get<ErpCallLatency>('/system/v1/erp/call-latency')).data;
  }

  /** Drops the system layer's cached master data of a customer, so the next read reaches the ERP. */
  async forgetCustomer(customerId: string): Promise<void> {
    await this.http.post('/system/v1/erp/cache-invalidations', { kind: 'customer', key: customerId });
    await this.http.post('/system/v1/erp/cache-invalidations', { kind: 'contract', key: customerId });
  }
}
