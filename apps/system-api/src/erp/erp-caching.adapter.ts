import { Inject, Injectable } from '@nestjs/common';

import {
  ERP_ADAPTER,
  type ErpContract,
  type ErpCreditCheck,
  type ErpCreditCheckRequest,
  type ErpCreditMemoPosting,
  type ErpCustomer,
  type ErpDocument,
  type ErpDocumentPage,
  type ErpFuelSurcharge,
  type ErpInvoicePosting,
  type ErpPort,
  type ErpPostedDocument,
  type ErpPostedRange,
  type ErpTaxQuote,
  type ErpTaxQuoteRequest,
} from './erp.port.js';
import { ErpMasterDataCache, FUEL_TABLE_KEY } from './erp-master-data-cache.service.js';

/** Whichever ERP is configured, with its master data (customers, contracts, fuel table) served from the cache. */
@Injectable()
export class CachingErpAdapter implements ErpPort {
  constructor(
    @Inject(ERP_ADAPTER) private readonly erp: ErpPort,
    private readonly cache: ErpMasterDataCache,
  ) {}

  customer(customerId: string): Promise<ErpCustomer> {
    return this.cache.get('customer', customerId, () => this.erp.customer(customerId));
  }

  contract(customerId: string): Promise<ErpContract> {
    return this.cache.get('contract', customerId, () => this.erp.contract(customerId));
  }

  fuelSurcharge(): Promise<ErpFuelSurcharge> {
    return this.cache.get('fuel', FUEL_TABLE_KEY, () => this.erp.fuelSurcharge());
  }

  quoteTax(request: ErpTaxQuoteRequest): Promise<ErpTaxQuote> {
    return this.erp.quoteTax(request);
  }

  checkCredit(request: ErpCreditCheckRequest): Promise<ErpCreditCheck> {
    return this.erp.checkCredit(request);
  }

  postInvoice(posting: ErpInvoicePosting): Promise<ErpPostedDocument> {
    return this.erp.postInvoice(posting);
  }

  postCreditMemo(posting: ErpCreditMemoPosting): Promise<ErpPostedDocument> {
    return this.erp.postCreditMemo(posting);
  }

  findInvoiceByExternalReference(externalReference: string): Promise<ErpDocument | undefined> {
    return this.erp.findInvoiceByExternalReference(externalReference);
  }

  listInvoicesPosted(range: ErpPostedRange): Promise<ErpDocumentPage> {
    return this.erp.listInvoicesPosted(range);
  }
}
