import type { ProcessInvoice, ProcessShipment, ProcessStop } from '../process-api.types.js';

/** A stop as the process layer answers it: Buckeye Grocers, the reference load's consignee, unless overridden. */
export function processStop(overrides: Partial<ProcessStop> = {}): ProcessStop {
  return {
    sequence: 2,
    kind: 'delivery',
    name: 'Buckeye Grocers',
    city: 'Columbus',
    region: 'OH',
    postalCode: '43215',
    country: 'US',
    appointmentAt: '2026-12-08T09:00:00.000Z',
    arrivedAt: null,
    departedAt: null,
    ...overrides,
  };
}

/** A shipment as the process layer answers it, from Chicago to Columbus, not dispatched yet unless overridden. */
export function processShipment(overrides: Partial<ProcessShipment> = {}): ProcessShipment {
  return {
    id: 'SHP-1',
    customerId: 'C-1001',
    status: 'created',
    purchaseOrder: 'PO-1',
    routeMiles: 410,
    createdAt: '2026-12-03T19:30:00.000Z',
    stops: [
      processStop({
        sequence: 1,
        kind: 'pickup',
        name: 'Midwest Paper DC',
        city: 'Chicago',
        region: 'IL',
        postalCode: '60607',
        appointmentAt: '2026-12-07T14:00:00.000Z',
      }),
      processStop(),
    ],
    dispatch: null,
    ...overrides,
  };
}

/** The posted invoice of `SHP-1` as the process layer answers it: 1,622.31 USD with tax. */
export function processInvoice(overrides: Partial<ProcessInvoice> = {}): ProcessInvoice {
  return {
    id: 'INV-SHP-1-v1',
    kind: 'invoice',
    shipmentId: 'SHP-1',
    customerId: 'C-1001',
    status: 'posted',
    erpDocumentNumber: 'INV-000001',
    correctsInvoiceId: null,
    purchaseOrder: 'PO-1',
    carrierScac: 'KNXT',
    carrierName: 'Knight Transportation',
    lines: [],
    subtotalCents: 152_688,
    taxCents: 9_543,
    totalCents: 162_231,
    currency: 'USD',
    issuedAt: '2026-12-08T13:00:00.000Z',
    postedAt: '2026-12-08T13:00:01.000Z',
    ...overrides,
  };
}
