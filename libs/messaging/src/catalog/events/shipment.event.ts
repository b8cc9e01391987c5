import { SHIPMENT_STATUSES, type ShipmentStatus, STOP_TYPES, type StopType } from '@lanegate/domain';

import { defineEvent, type EventDefinition } from '../event-catalog.js';
import { arrayOf, enumOf, integer, nullable, objectSchema, text, utcTime } from '../json-schema.js';

/** A stop as the process API records it when the shipment is created. */
export interface ShipmentCreatedStop {
  readonly sequence: number;
  readonly kind: StopType;
  readonly name: string;
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  readonly country: string;
  readonly appointmentAt: string;
}

/** The `data` of `lanegate.shipment.created.v1`, as the process API's shipments service publishes it. */
export interface ShipmentCreatedData {
  /** The same as the envelope `subject`. */
  readonly shipmentId: string;
  readonly customerId: string;
  readonly purchaseOrder: string | null;
  readonly routeMiles: number | null;
  readonly stops: readonly ShipmentCreatedStop[];
}

/** The `data` of `lanegate.shipment.status_changed.v1`. */
export interface ShipmentStatusChangedData {
  readonly from: ShipmentStatus;
  readonly to: ShipmentStatus;
  /** Why, for people: the dispatch event or rule that moved the shipment. */
  readonly reason: string;
}

/** The `data` of `lanegate.shipment.dispatch_state_changed.v1`. */
export interface ShipmentDispatchStateChangedData {
  /** Version of the shipment's dispatch projection after the change; it only grows. */
  readonly projectionVersion: number;
  /** The status the dispatch events alone give the shipment. */
  readonly dispatchStatus: ShipmentStatus;
  /** Distinct dispatch events folded into the projection. */
  readonly eventCount: number;
}

const STOP = objectSchema<ShipmentCreatedStop>(
  {
    sequence: integer('1-based position on the route.', { minimum: 1 }),
    kind: enumOf(STOP_TYPES, 'Whether freight is picked up or delivered here.'),
    name: text('Facility name.'),
    city: text('City.'),
    region: { type: 'string', pattern: '^[A-Z]{2,3}$', description: 'State or province code, e.g. `IL`.' },
    postalCode: text('Postal code.'),
    country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code.' },
    appointmentAt: utcTime('Appointment time.'),
  },
  'A planned stop; arrival and departure come later, from dispatch events.',
);

/** Facts the process layer records about a shipment's life. */
export const SHIPMENT_EVENTS: readonly EventDefinition[] = [
  defineEvent<ShipmentCreatedData>({
    type: 'lanegate.shipment.created.v1',
    summary: 'A shipment was created.',
    description:
      'The process API accepted a new shipment in `created` status with its customer and planned stops in route ' +
      'order. It is the first event of the shipment (`sequence` 1).',
    schema: objectSchema<ShipmentCreatedData>({
      shipmentId: text('The shipment id, the same as the envelope `subject`.'),
      customerId: text('The ERP customer (shipper) who pays for the move.'),
      purchaseOrder: nullable(text("The customer's purchase order number, when given.")),
      routeMiles: nullable(integer('Planned route miles, when known.', { minimum: 1 })),
      stops: arrayOf<ShipmentCreatedStop>(STOP, {
        description: 'The stops in route order: the first is a pickup, the last a delivery.',
        minItems: 2,
      }),
    }),
    example: {
      shipmentId: 'SHP-1042',
      customerId: 'C-1001',
      purchaseOrder: 'PO-88123',
      routeMiles: 410,
      stops: [
        {
          sequence: 1,
          kind: 'pickup',
          name: 'Midwest Paper DC',
          city: 'Chicago',
          region: 'IL',
          postalCode: '60607',
          country: 'US',
          appointmentAt: '2026-03-04T14:00:00Z',
        },
        {
          sequence: 2,
          kind: 'delivery',
          name: 'Columbus Crossdock',
          city: 'Columbus',
          region: 'OH',
          postalCode: '43207',
          country: 'US',
          appointmentAt: '2026-03-05T14:00:00Z',
        },
      ],
    },
  }),
  defineEvent<ShipmentStatusChangedData>({
    type: 'lanegate.shipment.status_changed.v1',
    summary: 'The shipment moved to another canonical status.',
    description:
      'The status machine moved the shipment from one canonical status to another. Published once per change, in ' +
      'the order of the changes.',
    schema: objectSchema<ShipmentStatusChangedData>({
      from: enumOf(SHIPMENT_STATUSES, 'The status before the change.'),
      to: enumOf(SHIPMENT_STATUSES, 'The status after the change.'),
      reason: text('Why, for people: the dispatch event or rule that moved the shipment.'),
    }),
    example: { from: 'in_transit', to: 'delivered', reason: 'lanegate.dispatch.delivered.v1 from acme-tms' },
  }),
  defineEvent<ShipmentDispatchStateChangedData>({
    type: 'lanegate.shipment.dispatch_state_changed.v1',
    summary: "The shipment's dispatch state changed.",
    description:
      'A dispatch event changed what the process layer knows of the move: carrier, route miles, stop times, proof ' +
      'of delivery, exceptions or accessorials. Billing re-rates and re-assesses the shipment on it. A duplicate ' +
      'or rejected dispatch event changes nothing and publishes nothing.',
    schema: objectSchema<ShipmentDispatchStateChangedData>({
      projectionVersion: integer("Version of the shipment's dispatch projection after the change.", { minimum: 1 }),
      dispatchStatus: enumOf(SHIPMENT_STATUSES, 'The status the dispatch events alone give the shipment.'),
      eventCount: integer('Distinct dispatch events folded into the projection.', { minimum: 0 }),
    }),
    example: { projectionVersion: 7, dispatchStatus: 'delivered', eventCount: 9 },
  }),
];
