/**
 * The parts of the system API's published contract (`openapi/system.v1.json`) the process layer uses. Amounts are
 * integer cents, times ISO 8601 in UTC.
 */

export interface CustomerAccount {
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

export interface ContractPlace {
  city: string;
  region: string;
}

export interface ContractLane {
  laneId: string;
  origin: ContractPlace;
  destination: ContractPlace;
  rateType: 'per_mile' | 'flat';
  rateCentsPerMile?: number;
  flatCents?: number;
  detention: { freeMinutes: number; incrementMinutes: number; hourlyRateCents: number; capCents: number };
  accessorials: { kind: string; priceCents: number; requiresApproval: boolean }[];
}

export interface CustomerContract {
  id: string;
  customerId: string;
  currency: string;
  lanes: ContractLane[];
}

export interface FuelSurchargeSchedule {
  table: { bands: { minDieselCents: number; maxDieselCents: number; surchargeCentsPerMile: number }[] };
  dieselPrices: { weekOf: string; dieselCents: number }[];
}

export interface TaxQuoteRequest {
  customerId: string;
  shipTo: { region: string; postalCode: string; country: string };
  lines: { kind: string; amountCents: number }[];
}

export interface TaxQuoteAnswer {
  quoteId: string;
  taxCents: number;
  rateBasisPoints: number;
  taxRegion: string;
}

export interface CreditCheckAnswer {
  approved: boolean;
  availableCreditCents: number;
  reason?: string;
}

export interface DocumentLine {
  kind: string;
  description: string;
  quantity: number;
  unit: string;
  rateCents: number;
  amountCents: number;
}

export interface InvoicePosting {
  invoiceId: string;
  customerId: string;
  currency: string;
  issuedAt: string;
  purchaseOrder?: string;
  lines: DocumentLine[];
  taxCents: number;
  totalCents: number;
  carrier?: { scac: string; name: string };
}

export interface CreditMemoPosting {
  creditMemoId: string;
  invoiceDocumentNumber: string;
  reason: string;
  lines: DocumentLine[];
  taxCents: number;
  totalCents: number;
}

export interface PostedDocument {
  documentNumber: string;
  type: 'invoice' | 'credit_memo';
  externalReference: string;
  status: 'posted';
  postedAt: string;
  totalCents: number;
  creditsDocumentNumber?: string;
}

export interface ErpDocument {
  documentNumber: string;
  type: 'invoice' | 'credit_memo';
  externalReference: string;
  customerId: string;
  currency: string;
  lines: DocumentLine[];
  taxCents: number;
  totalCents: number;
  postedAt: string;
  creditsDocumentNumber?: string;
}

export interface ErpDocumentPage {
  items: ErpDocument[];
  total: number;
}

/** `GET /system/v1/erp/call-latency`. */
export interface ErpCallLatency {
  windowSeconds: number;
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  byOperation: { operation: string; samples: number; p50Ms: number | null; p95Ms: number | null }[];
}
