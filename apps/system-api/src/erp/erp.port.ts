/** Amounts are integer cents and times ISO 8601 UTC, in every type below. */

export interface ErpCustomer {
  id: string;
  name: string;
  status: 'active' | 'on_hold' | 'inactive';
  creditLimitCents: number;
  openBalanceCents: number;
  currency: string;
  taxRegion: string;
  paymentTermsDays: number;
  poRequired: boolean;
}

export interface ErpPlace {
  city: string;
  region: string;
}

export interface ErpDetentionTerms {
  freeMinutes: number;
  incrementMinutes: number;
  hourlyRateCents: number;
  capCents: number;
}

export interface ErpAccessorialPrice {
  kind: string;
  priceCents: number;
  requiresApproval: boolean;
}

export interface ErpContractLane {
  laneId: string;
  origin: ErpPlace;
  destination: ErpPlace;
  rateType: 'per_mile' | 'flat';
  rateCentsPerMile?: number;
  flatCents?: number;
  detention: ErpDetentionTerms;
  accessorials: ErpAccessorialPrice[];
}

export interface ErpContract {
  id: string;
  customerId: string;
  currency: string;
  lanes: ErpContractLane[];
}

export interface ErpFuelSurcharge {
  table: { bands: { minDieselCents: number; maxDieselCents: number; surchargeCentsPerMile: number }[] };
  /** Weekly national average diesel prices; `weekOf` is the Monday the price was published (YYYY-MM-DD). */
  dieselPrices: { weekOf: string; dieselCents: number }[];
}

export interface ErpTaxQuoteRequest {
  customerId: string;
  shipTo: { region: string; postalCode: string; country: string };
  lines: { kind: string; amountCents: number }[];
}

export interface ErpTaxQuote {
  quoteId: string;
  taxCents: number;
  rateBasisPoints: number;
  taxRegion: string;
}

export interface ErpCreditCheckRequest {
  customerId: string;
  amountCents: number;
}

export interface ErpCreditCheck {
  approved: boolean;
  availableCreditCents: number;
  reason?: string;
}

export interface ErpDocumentLine {
  kind: string;
  description: string;
  quantity: number;
  unit: string;
  rateCents: number;
  amountCents: number;
}

export interface ErpInvoicePosting {
  /** Lanegate's invoice id: the ERP document's external reference and the posting's idempotency key. */
  invoiceId: string;
  customerId: string;
  currency: string;
  issuedAt: string;
  purchaseOrder?: string;
  lines: ErpDocumentLine[];
  taxCents: number;
  totalCents: number;
  carrier?: { scac: string; name: string };
}

export interface ErpCreditMemoPosting {
  /** Lanegate's credit memo id: the ERP document's external reference and the posting's idempotency key. */
  creditMemoId: string;
  /** ERP document number of the posted invoice being credited. */
  invoiceDocumentNumber: string;
  reason: string;
  lines: ErpDocumentLine[];
  /** Zero or negative. */
  taxCents: number;
  /** Negative. */
  totalCents: number;
}

export type ErpDocumentType = 'invoice' | 'credit_memo';

/** What a posting answers: the ERP's document number and the posting's outcome. */
export interface ErpPostedDocument {
  documentNumber: string;
  type: ErpDocumentType;
  /** Lanegate's invoice or credit memo id. */
  externalReference: string;
  status: 'posted';
  postedAt: string;
  totalCents: number;
  /** The invoice a credit memo credits. */
  creditsDocumentNumber?: string;
}

/** An invoice or credit memo as the ERP holds it. */
export interface ErpDocument {
  documentNumber: string;
  type: ErpDocumentType;
  externalReference: string;
  customerId: string;
  currency: string;
  lines: ErpDocumentLine[];
  taxCents: number;
  totalCents: number;
  postedAt: string;
  creditsDocumentNumber?: string;
}

export interface ErpPostedRange {
  postedFrom: string;
  postedTo: string;
  page?: number;
  pageSize?: number;
}

export interface ErpDocumentPage {
  items: ErpDocument[];
  total: number;
}

/**
 * What Lanegate needs from a cloud ERP, whichever vendor it is. An implementation translates these calls into the
 * vendor's API and runs every call through {@link ErpCallGate}, which keeps it inside the tenant's quota and applies
 * the timeouts, retries and circuit breakers of its transaction type. Rejections the ERP makes on purpose (unknown
 * customer, tax validation) surface as {@link ErpRejectedError}; an ERP that cannot answer as
 * {@link ErpUnavailableError}.
 */
export interface ErpPort {
  customer(customerId: string): Promise<ErpCustomer>;
  contract(customerId: string): Promise<ErpContract>;
  fuelSurcharge(): Promise<ErpFuelSurcharge>;
  quoteTax(request: ErpTaxQuoteRequest): Promise<ErpTaxQuote>;
  checkCredit(request: ErpCreditCheckRequest): Promise<ErpCreditCheck>;
  /** Posts once per invoice id, however often it is called: a repeat answers the document already posted. */
  postInvoice(posting: ErpInvoicePosting): Promise<ErpPostedDocument>;
  /** Posts once per credit memo id, however often it is called. */
  postCreditMemo(posting: ErpCreditMemoPosting): Promise<ErpPostedDocument>;
  /** The invoice or credit memo posted for Lanegate's id, if any. */
  findInvoiceByExternalReference(externalReference: string): Promise<ErpDocument | undefined>;
  /** Invoices and credit memos posted in the range, oldest first, a page at a time. */
  listInvoicesPosted(range: ErpPostedRange): Promise<ErpDocumentPage>;
}

/** Injection token of the {@link ErpPort} the system API's routes use: the configured ERP behind the cache. */
export const ERP_PORT = Symbol('ERP_PORT');

/** Injection token of the vendor's {@link ErpPort} implementation, without the cache. */
export const ERP_ADAPTER = Symbol('ERP_ADAPTER');
