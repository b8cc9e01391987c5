import type { ProcessInvoice } from '../process-api.types.js';
import type { PortalInvoiceView } from './portal-invoice.dto.js';

/** A document the ERP holds, as its customer sees it: no ERP rejection details, no billing versions. */
export function toPortalInvoice(invoice: ProcessInvoice): PortalInvoiceView {
  return {
    id: invoice.id,
    kind: invoice.kind,
    shipmentId: invoice.shipmentId,
    status: invoice.status,
    erpDocumentNumber: invoice.erpDocumentNumber ?? '',
    correctsInvoiceId: invoice.correctsInvoiceId,
    purchaseOrder: invoice.purchaseOrder,
    carrier: invoice.carrierScac === null ? null : { scac: invoice.carrierScac, name: invoice.carrierName ?? '' },
    lines: invoice.lines.map(({ kind, description, quantity, unit, rateCents, amountCents }) => ({
      kind,
      description,
      quantity,
      unit,
      rateCents,
      amountCents,
    })),
    subtotalCents: invoice.subtotalCents,
    taxCents: invoice.taxCents,
    totalCents: invoice.totalCents,
    currency: invoice.currency,
    issuedAt: invoice.issuedAt,
    postedAt: invoice.postedAt ?? invoice.issuedAt,
  };
}
