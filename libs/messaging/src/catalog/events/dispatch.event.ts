import {
  type AccessorialData,
  type Carrier,
  type DispatchEventHeader,
  type DispatchEventKind,
  type DispatchEventPayloads,
  type ProofOfDelivery,
  SUBMITTED_ACCESSORIAL_KINDS,
} from '@lanegate/domain';

import type { EventType } from '../../event-envelope.js';
import { defineEvent, type EventDefinition } from '../event-catalog.js';
import {
  currencyCode,
  enumOf,
  httpUrl,
  integer,
  objectSchema,
  optional,
  type PropertySchemas,
  text,
  utcTime,
} from '../json-schema.js';

/**
 * The header fields of a dispatch event that travel in `data`. The others travel in the envelope: `eventId` is the
 * CloudEvents `id`, `shipmentId` the `subject`, `sequence` the `sequence` extension, and the kind is in the `type`.
 */
export type DispatchEventDataHeader = Pick<DispatchEventHeader, 'occurredAt' | 'source' | 'vendorEventId'>;

// Kinds with nothing to add carry `Record<string, never>`, which would swallow the header's keys in an intersection.
type PayloadOf<K extends DispatchEventKind> =
  DispatchEventPayloads[K] extends Record<string, never> ? unknown : DispatchEventPayloads[K];

/** The `data` of a `lanegate.dispatch.<kind>.v1` event: the canonical payload of the kind and the data header. */
export type DispatchEventData<K extends DispatchEventKind> = DispatchEventDataHeader & PayloadOf<K>;

/** The event type a canonical dispatch event of `kind` is published as. */
export function dispatchEventType(kind: DispatchEventKind): EventType {
  return `lanegate.dispatch.${kind}.v1`;
}

const HEADER: PropertySchemas<DispatchEventDataHeader> = {
  occurredAt: utcTime(
    'When it happened in the world, as the dispatch platform reports it. The envelope `time` is when Lanegate ' +
      'published the event.',
  ),
  source: text(
    'The dispatch platform that reported it, e.g. `acme-tms`. The envelope `source` is the Lanegate layer that ' +
      'published the event.',
  ),
  vendorEventId: optional(text("The platform's own id for the message, kept for support conversations.")),
};

const CARRIER = objectSchema<Carrier>(
  {
    scac: { type: 'string', pattern: '^[A-Z]{2,4}$', description: 'Standard Carrier Alpha Code, e.g. `SWFT`.' },
    name: text("The carrier's name."),
  },
  'The trucking company that moves the load.',
);

const ASSIGNMENT: PropertySchemas<DispatchEventPayloads['assigned']> = {
  carrier: CARRIER,
  routeMiles: integer('Whole miles of the route with this carrier; the linehaul is rated on them.', { minimum: 0 }),
};

const STOP: PropertySchemas<DispatchEventPayloads['arrived_stop']> = {
  stopSequence: integer('The 1-based position of the stop on the route.', { minimum: 1 }),
};

const PROOF_OF_DELIVERY: PropertySchemas<ProofOfDelivery> = {
  capturedAt: utcTime('When the receipt was signed.'),
  signedBy: text("Name of the consignee's person who signed, as written on the receipt."),
  documentUrl: optional(httpUrl('Where the image or document of the receipt is kept.')),
};

const ACCESSORIAL: PropertySchemas<AccessorialData> = {
  accessorialId: text("The platform's id of the accessorial request, the same on submission, approval and rejection."),
  kind: enumOf(SUBMITTED_ACCESSORIAL_KINDS, 'The kind of accessorial charge.'),
  amountCents: integer('Amount in integer cents; on approval, the approved amount.', { minimum: 0 }),
  currency: currencyCode(),
};

const EXAMPLE_HEADER: DispatchEventDataHeader = {
  occurredAt: '2026-03-05T14:20:00Z',
  source: 'acme-tms',
  vendorEventId: 'acme-evt-558812',
};

const SWIFT: Carrier = { scac: 'SWFT', name: 'Swift Transportation' };

function dispatchEvent<K extends DispatchEventKind>(
  kind: K,
  definition: {
    summary: string;
    description: string;
    payload: PropertySchemas<PayloadOf<K>>;
    example: Omit<DispatchEventData<K>, keyof DispatchEventDataHeader>;
  },
): EventDefinition {
  // The compiler cannot merge mapped types over a generic K; each call site checks its payload for its own kind.
  const properties = { ...HEADER, ...definition.payload } as unknown as PropertySchemas<DispatchEventData<K>>;

  return defineEvent<DispatchEventData<K>>({
    type: dispatchEventType(kind),
    summary: definition.summary,
    description: definition.description,
    schema: objectSchema<DispatchEventData<K>>(properties),
    example: { ...EXAMPLE_HEADER, ...definition.example } as DispatchEventData<K>,
  });
}

/** The thirteen canonical dispatch event kinds, as `lanegate.dispatch.<kind>.v1`. */
export const DISPATCH_EVENTS: readonly EventDefinition[] = [
  dispatchEvent('assigned', {
    summary: 'A carrier was assigned to the shipment.',
    description:
      'The dispatch platform assigned a carrier to the load. Sets the carrier and the route miles the linehaul is ' +
      'rated on; the shipment becomes dispatched.',
    payload: ASSIGNMENT,
    example: { carrier: SWIFT, routeMiles: 412 },
  }),
  dispatchEvent('reassigned', {
    summary: 'The load moved to another carrier.',
    description:
      'The load was taken from its carrier and given to another, usually with a different route. Replaces the ' +
      'carrier and route miles; the linehaul is re-rated. Not a status change.',
    payload: ASSIGNMENT,
    example: { carrier: { scac: 'KNXT', name: 'Knight Transportation' }, routeMiles: 428 },
  }),
  dispatchEvent('departed_origin', {
    summary: 'The truck left the origin with the load.',
    description: 'The truck left the first pickup loaded; the shipment is in transit.',
    payload: {},
    example: {},
  }),
  dispatchEvent('arrived_stop', {
    summary: 'The truck arrived at a stop.',
    description: 'The truck arrived at a pickup or delivery stop. The arrival time starts the detention clock.',
    payload: STOP,
    example: { stopSequence: 2 },
  }),
  dispatchEvent('departed_stop', {
    summary: 'The truck left a stop.',
    description: 'The truck left a pickup or delivery stop. Detention is rated from the time spent at the stop.',
    payload: STOP,
    example: { stopSequence: 2 },
  }),
  dispatchEvent('delivered', {
    summary: 'The load was delivered.',
    description:
      'The load reached its final delivery stop and was handed over. Billing can start once proof of delivery is ' +
      'captured and nothing else holds it.',
    payload: {},
    example: {},
  }),
  dispatchEvent('pod_captured', {
    summary: 'Proof of delivery was captured.',
    description:
      'The signed delivery receipt was captured, often after the delivery itself. Most customers need it before ' +
      'the shipment can be invoiced.',
    payload: PROOF_OF_DELIVERY,
    example: {
      capturedAt: '2026-03-05T14:35:00Z',
      signedBy: 'R. Alvarez',
      documentUrl: 'https://docs.acme-tms.example/pod/558812.pdf',
    },
  }),
  dispatchEvent('exception_raised', {
    summary: 'Something went wrong with the load.',
    description:
      'The platform reported an exception (a delay, damage, a refused load). The shipment waits in ' +
      '`exception_pending` and billing holds until the exception is cleared.',
    payload: {
      code: text('The vendor or X12 status code, e.g. `SD` (shipment delayed) or `A9` (damaged).'),
      reason: text('What the platform said happened.'),
    },
    example: { code: 'SD', reason: 'Road closure on I-80, rerouting' },
  }),
  dispatchEvent('exception_cleared', {
    summary: 'An exception was cleared.',
    description: 'The exception with this code was resolved; the shipment returns to the status it was in.',
    payload: {
      code: text('The code of the exception being cleared.'),
      resolution: optional(text('How it was resolved.')),
    },
    example: { code: 'SD', resolution: 'Rerouted via I-76' },
  }),
  dispatchEvent('cancelled', {
    summary: 'The shipment was cancelled.',
    description: 'The load was cancelled before it left; a cancelled shipment stays cancelled.',
    payload: { reason: optional(text('Why it was cancelled, when the platform says.')) },
    example: { reason: 'Customer withdrew the order' },
  }),
  dispatchEvent('accessorial_submitted', {
    summary: 'An accessorial charge was submitted.',
    description:
      'The carrier or dispatcher asked for an accessorial charge. Kinds that need approval (lumper, layover, truck ' +
      'order not used) hold billing until approved or rejected.',
    payload: {
      ...ACCESSORIAL,
      receiptUrl: optional(httpUrl('Where the receipt for the charge is kept.')),
      description: optional(text("What the charge is for, in the submitter's words.")),
    },
    example: {
      accessorialId: 'acc-9921',
      kind: 'lumper',
      amountCents: 17500,
      currency: 'USD',
      receiptUrl: 'https://docs.acme-tms.example/receipts/acc-9921.jpg',
      description: 'Lumper fee at the consignee',
    },
  }),
  dispatchEvent('accessorial_approved', {
    summary: 'An accessorial charge was approved.',
    description: 'The accessorial was approved, possibly for a different amount; it is billed at the approved amount.',
    payload: ACCESSORIAL,
    example: { accessorialId: 'acc-9921', kind: 'lumper', amountCents: 15000, currency: 'USD' },
  }),
  dispatchEvent('accessorial_rejected', {
    summary: 'An accessorial charge was rejected.',
    description: 'The accessorial was rejected and is not billed; it no longer holds billing.',
    payload: { ...ACCESSORIAL, reason: text('Why it was rejected.') },
    example: {
      accessorialId: 'acc-9921',
      kind: 'lumper',
      amountCents: 17500,
      currency: 'USD',
      reason: 'No receipt from the facility',
    },
  }),
];
