import { decimalAmount } from '@lanegate/domain';

import type { ProcessInvoice, ProcessShipment, ProcessStop, ProcessTimelinePage } from '../process-api.types.js';
import type {
  PortalShipmentDetailView,
  PortalShipmentView,
  PortalStopView,
  PortalTimelineEntryView,
  PortalTimelineKind,
} from './portal-shipment.dto.js';

/** Order of entries that share a time: the order in which such things happen. */
const SAME_TIME_ORDER: readonly PortalTimelineKind[] = [
  'arrived',
  'delivered',
  'proof_of_delivery_captured',
  'departed',
  'status_changed',
  'credit_memo_posted',
  'invoice_posted',
  'rebill_posted',
];

const POSTED_KIND: Record<ProcessInvoice['kind'], PortalTimelineKind> = {
  invoice: 'invoice_posted',
  credit_memo: 'credit_memo_posted',
  rebill: 'rebill_posted',
};

const DOCUMENT_NAME: Record<ProcessInvoice['kind'], string> = {
  invoice: 'Invoice',
  credit_memo: 'Credit memo',
  rebill: 'Rebill',
};

export function toPortalShipment(shipment: ProcessShipment): PortalShipmentView {
  const { id, status, purchaseOrder, createdAt } = shipment;

  return { id, status, purchaseOrder, createdAt };
}

/**
 * The shipment as its customer sees it. The timeline is built from customer-facing facts only: status changes,
 * the stop times, delivery and proof of delivery as the dispatch state holds them, and the documents the ERP
 * posted; never the events' processing, rating or ERP call details.
 */
export function toPortalShipmentDetail(input: {
  shipment: ProcessShipment;
  statusChanges: ProcessTimelinePage['items'];
  invoices: ProcessInvoice[];
}): PortalShipmentDetailView {
  const { shipment, statusChanges, invoices } = input;
  const dispatch = shipment.dispatch;

  return {
    ...toPortalShipment(shipment),
    stops: shipment.stops.map(toPortalStop),
    carrier: dispatch?.carrier ? { scac: dispatch.carrier.scac, name: dispatch.carrier.name } : null,
    routeMiles: dispatch?.routeMiles ?? shipment.routeMiles,
    deliveredAt: dispatch?.deliveredAt ?? null,
    proofOfDeliveryCaptured: (dispatch?.proofOfDelivery ?? null) !== null,
    timeline: sortedByTime([
      ...statusChanges.map(statusEntry),
      ...shipment.stops.flatMap(stopEntries),
      ...dispatchEntries(shipment),
      ...invoices.flatMap(postedEntry),
    ]),
  };
}

function toPortalStop(stop: ProcessStop): PortalStopView {
  const { sequence, kind, name, city, region, postalCode, country, appointmentAt, arrivedAt, departedAt } = stop;

  return { sequence, kind, name, city, region, postalCode, country, appointmentAt, arrivedAt, departedAt };
}

function statusEntry(entry: ProcessTimelinePage['items'][number]): PortalTimelineEntryView {
  const from = String(entry.details.from);
  const to = String(entry.details.to);

  return { at: entry.at, kind: 'status_changed', summary: `Status changed from ${from} to ${to}`, status: to };
}

function stopEntries(stop: ProcessStop): PortalTimelineEntryView[] {
  const place = `${stop.name}, ${stop.city} ${stop.region}`;
  const entries: PortalTimelineEntryView[] = [];
  if (stop.arrivedAt !== null) {
    entries.push({ at: stop.arrivedAt, kind: 'arrived', summary: `Arrived at ${place}`, stopSequence: stop.sequence });
  }
  if (stop.departedAt !== null) {
    entries.push({ at: stop.departedAt, kind: 'departed', summary: `Departed ${place}`, stopSequence: stop.sequence });
  }

  return entries;
}

function dispatchEntries(shipment: ProcessShipment): PortalTimelineEntryView[] {
  const deliveredAt = shipment.dispatch?.deliveredAt ?? null;
  const proof = shipment.dispatch?.proofOfDelivery ?? null;

  return [
    ...(deliveredAt === null ? [] : [{ at: deliveredAt, kind: 'delivered' as const, summary: 'Delivered' }]),
    ...(proof === null
      ? []
      : [
          {
            at: proof.capturedAt,
            kind: 'proof_of_delivery_captured' as const,
            summary: `Proof of delivery signed by ${proof.signedBy}`,
          },
        ]),
  ];
}

function postedEntry(invoice: ProcessInvoice): PortalTimelineEntryView[] {
  if (invoice.postedAt === null || invoice.erpDocumentNumber === null) {
    return [];
  }
  const amount = decimalAmount({ amountCents: invoice.totalCents, currency: invoice.currency });

  return [
    {
      at: invoice.postedAt,
      kind: POSTED_KIND[invoice.kind],
      summary: `${DOCUMENT_NAME[invoice.kind]} ${invoice.erpDocumentNumber} posted: ${amount} ${invoice.currency}`,
      invoiceId: invoice.id,
      erpDocumentNumber: invoice.erpDocumentNumber,
    },
  ];
}

function sortedByTime(entries: PortalTimelineEntryView[]): PortalTimelineEntryView[] {
  const rank = (entry: PortalTimelineEntryView): number => SAME_TIME_ORDER.indexOf(entry.kind);

  return entries
    .map((entry) => ({ entry, time: Date.parse(entry.at) }))
    .sort((a, b) => a.time - b.time || rank(a.entry) - rank(b.entry))
    .map(({ entry }) => entry);
}
