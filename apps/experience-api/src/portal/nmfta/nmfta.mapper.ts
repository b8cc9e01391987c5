import { decimalAmount } from '@lanegate/domain';

import type { ProcessInvoice, ProcessInvoiceLine, ProcessShipment, ProcessStop } from '../../process-api.types.js';
import type {
  NmftaAttribute,
  NmftaCharge,
  NmftaDocument,
  NmftaDocumentResponse,
  NmftaDocumentType,
  NmftaInvoice,
  NmftaMonetaryAmount,
  NmftaPostalAddress,
} from './nmfta.dto.js';
import { textPdf } from './text-pdf.js';

/** ISO 3166-1 alpha-2 to alpha-3 for the countries Lanegate's lanes reach; others leave the standard's field out. */
const ALPHA3: Readonly<Record<string, string>> = { US: 'USA', CA: 'CAN', MX: 'MEX' };

const UNIT_OF_MEASURE: Readonly<Record<string, string>> = { mile: 'MILES', hour: 'HOURS', each: 'FLAT' };

const DOCUMENT_TITLE: Record<ProcessInvoice['kind'], string> = {
  invoice: 'Invoice',
  credit_memo: 'Credit memo',
  rebill: 'Rebill',
};

/** The standard names the carrier by USDOT and MC numbers, which Lanegate does not hold (it knows the SCAC). */
const UNKNOWN_CARRIER_NUMBER = '';

/** An invoice, credit memo or rebill the ERP holds, with the shipment it bills, in the standard's `Invoice` shape. */
export function toNmftaInvoice(invoice: ProcessInvoice, shipment: ProcessShipment): NmftaInvoice {
  const { pickup, delivery } = endpoints(shipment);

  return {
    ...identifiers(invoice),
    invoiceHeader: {
      consignor: { consignorName: pickup.name, address: address(pickup) },
      consignee: { consigneeName: delivery.name, address: address(delivery) },
      billingParty: {},
      terms: { billingTerms: 'Prepaid' },
      invoiceNumber: invoiceNumberOf(invoice),
      invoiceDate: invoice.issuedAt.slice(0, 10),
      invoiceAmount: amount(invoice.totalCents, invoice.currency),
    },
    invoiceCharges: [
      ...invoice.lines.map((line) => charge(line, invoice.currency)),
      ...(invoice.taxCents === 0 ? [] : [taxCharge(invoice)]),
    ],
    attributes: invoiceAttributes(invoice),
  };
}

/**
 * The supporting documents of an invoice in the standard's `DocumentResponse` shape: the invoice itself (`INV`)
 * and, once captured, the proof of delivery (`POD`), each a PDF that Lanegate generates from its own records. The
 * signed receipt image is not Lanegate's to give: the POD record names who signed and when, and where the dispatch
 * platform keeps the image. Lanegate holds no bill of lading.
 */
export function toNmftaDocuments(
  invoice: ProcessInvoice,
  shipment: ProcessShipment,
  types?: readonly NmftaDocumentType[],
): NmftaDocumentResponse {
  const proof = shipment.dispatch?.proofOfDelivery ?? null;
  const wanted = (type: NmftaDocumentType): boolean => types === undefined || types.includes(type);
  const documents: NmftaDocument[] = [
    ...(wanted('INV') ? [pdfDocument('INV', `${invoice.id}.pdf`, invoicePdf(invoice, shipment))] : []),
    ...(wanted('POD') && proof !== null ? [pdfDocument('POD', `POD-${shipment.id}.pdf`, podPdf(shipment))] : []),
  ];

  return {
    ...identifiers(invoice),
    invoiceNumber: invoiceNumberOf(invoice),
    invoiceDate: invoice.issuedAt.slice(0, 10),
    documentSource: 'Lanegate',
    attributes: [
      { type: 'contentType', value: 'application/pdf' },
      { type: 'contentEncoding', value: 'base64' },
      ...(proof === null
        ? []
        : [
            { type: 'podCapturedAt', value: proof.capturedAt },
            { type: 'podSignedBy', value: proof.signedBy },
            ...(proof.documentUrl === null ? [] : [{ type: 'podImageReference', value: proof.documentUrl }]),
          ]),
    ],
    documents,
  };
}

function identifiers(invoice: ProcessInvoice): Pick<NmftaInvoice, 'uniqueID' | 'shipmentID' | 'DOT' | 'MC'> {
  return {
    uniqueID: invoice.id,
    shipmentID: invoice.shipmentId,
    DOT: UNKNOWN_CARRIER_NUMBER,
    MC: UNKNOWN_CARRIER_NUMBER,
  };
}

/** The ERP's number; every document the portal shows is posted, so it has one. */
function invoiceNumberOf(invoice: ProcessInvoice): string {
  return invoice.erpDocumentNumber ?? invoice.id;
}

function amount(cents: number, currency: string): NmftaMonetaryAmount {
  return { currencyCode: currency, value: decimalAmount({ amountCents: cents, currency }) };
}

function endpoints(shipment: ProcessShipment): { pickup: ProcessStop; delivery: ProcessStop } {
  const stops = [...shipment.stops].sort((a, b) => a.sequence - b.sequence);

  return { pickup: stops[0], delivery: stops[stops.length - 1] };
}

function address(stop: ProcessStop): NmftaPostalAddress {
  const countryCode = ALPHA3[stop.country];

  return {
    adminArea1: stop.region,
    locality: stop.city,
    postalCode: stop.postalCode,
    ...(countryCode === undefined ? {} : { countryCode }),
  };
}

function charge(line: ProcessInvoiceLine, currency: string): NmftaCharge {
  return {
    chargeType: 'BASE_CHARGE',
    chargeCode: line.kind.toUpperCase(),
    chargeUnitCode: line.unit === 'each' ? 'FLAT' : 'UNIT_RATE',
    chargeDescription: line.description,
    cost: amount(line.amountCents, currency),
    quantity: { unitOfMeasure: UNIT_OF_MEASURE[line.unit] ?? line.unit.toUpperCase(), value: line.quantity },
  };
}

function taxCharge(invoice: ProcessInvoice): NmftaCharge {
  return {
    chargeType: 'BASE_CHARGE',
    chargeCode: 'TAX',
    chargeUnitCode: 'FLAT',
    chargeDescription: 'Tax as quoted by the ERP',
    cost: amount(invoice.taxCents, invoice.currency),
    quantity: { unitOfMeasure: 'FLAT', value: 1 },
  };
}

function invoiceAttributes(invoice: ProcessInvoice): NmftaAttribute[] {
  const optional: [string, string | null][] = [
    ['correctsUniqueID', invoice.correctsInvoiceId],
    ['purchaseOrder', invoice.purchaseOrder],
    ['carrierSCAC', invoice.carrierScac],
    ['carrierName', invoice.carrierName],
  ];

  return [
    { type: 'documentKind', value: invoice.kind },
    { type: 'status', value: invoice.status },
    { type: 'billingPartyID', value: invoice.customerId },
    ...optional.flatMap(([type, value]) => (value === null ? [] : [{ type, value }])),
  ];
}

function pdfDocument(documentType: NmftaDocumentType, id: string, pdf: Buffer): NmftaDocument {
  return { documentType, files: [{ id, content: pdf.toString('base64') }] };
}

function place(stop: ProcessStop): string {
  return `${stop.name}, ${stop.city} ${stop.region} ${stop.postalCode} ${stop.country}`;
}

function invoicePdf(invoice: ProcessInvoice, shipment: ProcessShipment): Buffer {
  const money = (cents: number): string =>
    `${decimalAmount({ amountCents: cents, currency: invoice.currency })} ${invoice.currency}`;
  const { pickup, delivery } = endpoints(shipment);

  return textPdf(`${DOCUMENT_TITLE[invoice.kind]} ${invoiceNumberOf(invoice)}`, [
    `Lanegate document ${invoice.id} for shipment ${invoice.shipmentId}`,
    `Invoice date ${invoice.issuedAt.slice(0, 10)}; posted in the ERP at ${invoice.postedAt ?? 'not yet'}`,
    ...(invoice.correctsInvoiceId === null ? [] : [`Corrects ${invoice.correctsInvoiceId}`]),
    `Bill to customer ${invoice.customerId}; PO ${invoice.purchaseOrder ?? 'none'}`,
    `Carrier ${invoice.carrierScac ?? 'unknown'} ${invoice.carrierName ?? ''}`.trim(),
    `From ${place(pickup)}`,
    `To ${place(delivery)}`,
    '',
    ...invoice.lines.map((line) => `${line.description}: ${money(line.amountCents)}`),
    '',
    `Subtotal ${money(invoice.subtotalCents)}`,
    `Tax ${money(invoice.taxCents)}`,
    `Total ${money(invoice.totalCents)}`,
    '',
    'Generated by Lanegate from the document as posted in the ERP.',
  ]);
}

function podPdf(shipment: ProcessShipment): Buffer {
  const proof = shipment.dispatch?.proofOfDelivery;
  const { delivery } = endpoints(shipment);

  return textPdf(`Proof of delivery record, shipment ${shipment.id}`, [
    `Delivered at ${shipment.dispatch?.deliveredAt ?? 'unknown'} to ${place(delivery)}`,
    `Receipt signed by ${proof?.signedBy ?? 'unknown'} at ${proof?.capturedAt ?? 'unknown'}`,
    ...(proof?.documentUrl
      ? ['The signed receipt image is kept by the dispatch platform at:', proof.documentUrl]
      : ['The dispatch platform sent no reference to the signed receipt image.']),
    '',
    'Generated by Lanegate from the proof of delivery the dispatch platform reported.',
    'This record is not the signed receipt image.',
  ]);
}
