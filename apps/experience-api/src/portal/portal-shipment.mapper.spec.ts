import { describe, expect, it } from 'vitest';

import { processInvoice, processShipment, processStop } from './process-answers.fixture.js';
import { toPortalShipmentDetail } from './portal-shipment.mapper.js';

const SHIPMENT = processShipment({
  status: 'invoice_posted',
  stops: [processStop({ arrivedAt: '2026-12-08T09:50:00.000Z', departedAt: '2026-12-08T12:40:00.000Z' })],
  dispatch: {
    carrier: { scac: 'KNXT', name: 'Knight Transportation' },
    routeMiles: 436,
    deliveredAt: '2026-12-08T12:40:00.000Z',
    proofOfDelivery: { capturedAt: '2026-12-08T12:40:00.000Z', signedBy: 'M. Alvarez', documentUrl: null },
  },
});

describe(toPortalShipmentDetail.name, () => {
  it('orders facts of the same moment as they happen: arrival, delivery, proof of delivery, departure', () => {
    const { timeline } = toPortalShipmentDetail({ shipment: SHIPMENT, statusChanges: [], invoices: [] });

    expect(timeline.map((entry) => entry.kind)).toEqual([
      'arrived',
      'delivered',
      'proof_of_delivery_captured',
      'departed',
    ]);
  });

  it('shows a posted document with its amount in the major unit, and a status change without its reason', () => {
    const { timeline } = toPortalShipmentDetail({
      shipment: SHIPMENT,
      statusChanges: [
        {
          position: '9',
          at: '2026-12-08T13:00:01.500Z',
          kind: 'status.changed',
          details: { from: 'billing_ready', to: 'invoice_posted', reason: 'lanegate.billing.invoice_posted.v1' },
        },
      ],
      invoices: [processInvoice()],
    });

    expect(timeline.slice(-2)).toEqual([
      {
        at: '2026-12-08T13:00:01.000Z',
        kind: 'invoice_posted',
        summary: 'Invoice INV-000001 posted: 1622.31 USD',
        invoiceId: 'INV-SHP-1-v1',
        erpDocumentNumber: 'INV-000001',
      },
      {
        at: '2026-12-08T13:00:01.500Z',
        kind: 'status_changed',
        summary: 'Status changed from billing_ready to invoice_posted',
        status: 'invoice_posted',
      },
    ]);
  });
});
