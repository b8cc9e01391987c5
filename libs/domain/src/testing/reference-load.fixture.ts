import type { Carrier } from '../parties/carrier.js';

/** The carrier a reference load is tendered to first, and the one it is reassigned to mid-route. */
export const CARRIER_A: Carrier = { scac: 'SWFT', name: 'Swift Transportation' };
export const CARRIER_B: Carrier = { scac: 'KNXT', name: 'Knight Transportation' };

/** A canonical dispatch event as the process API takes it. */
export interface ReportedDispatchEvent {
  readonly eventId: string;
  readonly shipmentId: string;
  readonly kind: string;
  readonly occurredAt: string;
  readonly sequence?: number;
  readonly source: string;
  readonly data: Record<string, unknown>;
}

/** A canonical dispatch event of a shipment, reported by `acme-tms`. */
export function reportedEvent(
  shipmentId: string,
  id: string,
  kind: string,
  occurredAt: string,
  data: Record<string, unknown> = {},
  sequence?: number,
): ReportedDispatchEvent {
  return {
    eventId: `${shipmentId}-${id}`,
    shipmentId,
    kind,
    occurredAt,
    ...(sequence === undefined ? {} : { sequence }),
    source: 'acme-tms',
    data,
  };
}

/**
 * The reference load, Chicago IL to Columbus OH, picked up on 2026-12-07: assigned to carrier A over 410 miles,
 * reassigned mid-route to carrier B with a corrected route of 436 miles; at the consignee the driver arrives at
 * 09:50 and departs at 13:00; proof of delivery 40 minutes after delivery. In the order it happened, with the
 * platform's sequence numbers.
 */
export function referenceLoad(shipmentId: string): ReportedDispatchEvent[] {
  const at = (n: number, id: string, kind: string, occurredAt: string, data: Record<string, unknown> = {}) =>
    reportedEvent(shipmentId, id, kind, occurredAt, data, n);

  return [
    at(1, 'assigned', 'assigned', '2026-12-07T12:00:00Z', { carrier: CARRIER_A, routeMiles: 410 }),
    at(2, 'arrived-1', 'arrived_stop', '2026-12-07T13:50:00Z', { stopSequence: 1 }),
    at(3, 'departed-1', 'departed_stop', '2026-12-07T15:10:00Z', { stopSequence: 1 }),
    at(4, 'reassigned', 'reassigned', '2026-12-07T20:30:00Z', { carrier: CARRIER_B, routeMiles: 436 }),
    at(5, 'arrived-2', 'arrived_stop', '2026-12-08T09:50:00Z', { stopSequence: 2 }),
    at(6, 'delivered', 'delivered', '2026-12-08T12:40:00Z'),
    at(7, 'departed-2', 'departed_stop', '2026-12-08T13:00:00Z', { stopSequence: 2 }),
    at(8, 'pod', 'pod_captured', '2026-12-08T13:20:00Z', {
      capturedAt: '2026-12-08T13:20:00Z',
      signedBy: 'M. Alvarez',
      documentUrl: 'https://pod.example.com/7781.pdf',
    }),
  ];
}

/**
 * The reference load's events as a platform that repeats and reorders delivers them, in four batches: every event
 * at least once, some twice, out of order; the proof of delivery last.
 */
export function referenceLoadDeliveredBadly(shipmentId: string): ReportedDispatchEvent[][] {
  const [assigned, arrived1, departed1, reassigned, arrived2, delivered, departed2, pod] = referenceLoad(shipmentId);

  return [
    [arrived1, assigned, assigned],
    [reassigned, departed1, arrived2, arrived1],
    [departed2, delivered, arrived2, reassigned],
    [pod, delivered, departed2],
  ];
}

/**
 * The lines the reference load's invoice bills, customer C-1001 (lane LN-1001-01, 285 cents a mile; detention 120
 * minutes free, 15-minute increments, 6,000 cents an hour), diesel at 399 cents on the pickup date.
 */
export const REFERENCE_LOAD_INVOICE_LINES = [
  { kind: 'linehaul', quantity: 436, unit: 'mile', rateCents: 285, amountCents: 124_260 },
  { kind: 'fuel_surcharge', quantity: 436, unit: 'mile', rateCents: 48, amountCents: 20_928 },
  { kind: 'detention', quantity: 1.25, unit: 'hour', rateCents: 6_000, amountCents: 7_500 },
] as const;

/** The ERP's tax on the reference load's lines: 6.25 % (US-IL) of 152,688 cents. */
export const REFERENCE_LOAD_TAX_CENTS = 9_543;

/** The stops of the reference load's order: a pickup in Chicago IL and a delivery in Columbus OH. */
export const REFERENCE_STOPS = [
  {
    kind: 'pickup' as const,
    name: 'Midwest Paper DC',
    city: 'Chicago',
    region: 'IL',
    postalCode: '60607',
    country: 'US',
    appointmentAt: '2026-12-07T14:00:00Z',
  },
  {
    kind: 'delivery' as const,
    name: 'Buckeye Grocers',
    city: 'Columbus',
    region: 'OH',
    postalCode: '43215',
    country: 'US',
    appointmentAt: '2026-12-08T09:00:00Z',
  },
];

/**
 * Stops of a Lakeshore Foods order (C-1002, purchase order required) on its contract lane: a pickup in Columbus OH
 * and a delivery in Detroit MI, on the reference load's days.
 */
export const LAKESHORE_STOPS = [
  {
    kind: 'pickup' as const,
    name: 'Lakeshore Foods Plant 3',
    city: 'Columbus',
    region: 'OH',
    postalCode: '43207',
    country: 'US',
    appointmentAt: '2026-12-07T13:00:00Z',
  },
  {
    kind: 'delivery' as const,
    name: 'Motor City Grocers DC',
    city: 'Detroit',
    region: 'MI',
    postalCode: '48210',
    country: 'US',
    appointmentAt: '2026-12-08T09:00:00Z',
  },
];
