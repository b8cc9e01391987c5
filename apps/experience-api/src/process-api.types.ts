/** The process layer's answers, as far as the experience layer reads them (its published `process.v1` contract). */

export interface ProcessStop {
  sequence: number;
  kind: 'pickup' | 'delivery';
  name: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  appointmentAt: string;
  arrivedAt: string | null;
  departedAt: string | null;
}

export interface ProcessProofOfDelivery {
  capturedAt: string;
  signedBy: string;
  documentUrl: string | null;
}

export interface ProcessShipment {
  id: string;
  customerId: string;
  status: string;
  purchaseOrder: string | null;
  routeMiles: number | null;
  stops: ProcessStop[];
  dispatch: {
    carrier: { scac: string; name: string } | null;
    routeMiles: number | null;
    deliveredAt: string | null;
    proofOfDelivery: ProcessProofOfDelivery | null;
  } | null;
  createdAt: string;
}

export interface ProcessShipmentPage {
  items: ProcessShipment[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ProcessTimelinePage {
  items: { position: string; at: string; kind: string; details: Record<string, unknown> }[];
  total: number;
}

export interface ProcessInvoiceLine {
  kind: string;
  description: string;
  quantity: number;
  unit: string;
  rateCents: number;
  amountCents: number;
}

export interface ProcessInvoice {
  id: string;
  kind: 'invoice' | 'credit_memo' | 'rebill';
  shipmentId: string;
  customerId: string;
  status: 'posting' | 'posted' | 'rejected' | 'credited';
  erpDocumentNumber: string | null;
  correctsInvoiceId: string | null;
  purchaseOrder: string | null;
  carrierScac: string | null;
  carrierName: string | null;
  lines: ProcessInvoiceLine[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  currency: string;
  issuedAt: string;
  postedAt: string | null;
}

export interface ProcessInvoicePage {
  items: ProcessInvoice[];
  total: number;
  page: number;
  pageSize: number;
}
