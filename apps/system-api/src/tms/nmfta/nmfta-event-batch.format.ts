import type { VendorFormat, VendorReading, VendorStatusReport } from '../mapping/status-mapping.js';
import { toUtcTimestamp } from '../mapping/utc-timestamp.js';
import { readVendorJson } from '../mapping/vendor-json.js';
import {
  compileEventBatchSchema,
  type NmftaEvent,
  type NmftaEventBatch,
  type NmftaLocation,
} from './nmfta-event-batch.schema.js';
import { NMFTA_EVENT_TYPES, OFF_ROUTE } from './nmfta-status.mapping.js';

export const NMFTA_VENDOR = 'nmfta';

/**
 * Attributes Lanegate reads from an event's extensible `attributes`, where the standard has no field of its own:
 * the stop of a multi-stop load, a carrier reason code, and who signed the proof of delivery.
 */
const ATTRIBUTES = { stopSequence: 'stopSequence', reasonCode: 'reasonCode', signedBy: 'signedBy' } as const;

/**
 * The standard models a shipment as origin and destination; an event located at one of them is at that stop. A
 * carrier with more stops sends `attributes.stopSequence`.
 */
const ENDPOINT_STOPS = [
  { endpoint: 'origin', stopSequence: 1 },
  { endpoint: 'destination', stopSequence: 2 },
] as const;

/** Event types that happen at a facility which may or may not be a stop of the shipment. */
const TERMINAL_MOVES: ReadonlySet<string> = new Set(['ARRIVED_AT_TERMINAL', 'DEPARTED_TERMINAL']);

/**
 * NMFTA DSDC In-Transit Visibility `EventBatch` webhooks, validated against the standard's own schema. Each event
 * becomes one report; its `eventId` identifies it across redeliveries and its `sequence` orders it per shipment.
 */
export class NmftaEventBatchFormat implements VendorFormat {
  readonly vendor = NMFTA_VENDOR;
  readonly statuses = NMFTA_EVENT_TYPES;
  private readonly validate = compileEventBatchSchema();

  read(body: string): VendorReading {
    const batch = readVendorJson<NmftaEventBatch>({
      vendor: this.vendor,
      shape: 'an NMFTA In-Transit Visibility EventBatch',
      body,
      validate: this.validate,
    });

    return { reports: batch.events.map((event, index) => toReport(event, index)), deliveryId: batch.deliveryId };
  }
}

function toReport(event: NmftaEvent, index: number): VendorStatusReport {
  const pod = event.documents?.find((document) => document.type === 'POD');
  const stopSequence = stopOf(event);
  const offRoute = TERMINAL_MOVES.has(event.type) && stopSequence === undefined && namesPlace(event.location);

  return {
    status: offRoute ? `${event.type}${OFF_ROUTE}` : event.type,
    position: `events[${index}], eventId ${event.eventId}`,
    vendorEventId: event.eventId,
    dedupKey: event.eventId,
    shipmentId: event.shipment.shipmentId,
    occurredAt: toUtcTimestamp(new Date(event.occurredAt)),
    source: event.shipment.scac ? `${NMFTA_VENDOR}:${event.shipment.scac}` : NMFTA_VENDOR,
    sequence: event.sequence,
    stopSequence,
    exceptionCode: event.status ?? text(event.attributes?.[ATTRIBUTES.reasonCode]),
    note: event.notes,
    proofOfDelivery: { signedBy: text(event.attributes?.[ATTRIBUTES.signedBy]), documentUrl: pod?.url },
  };
}

function stopOf(event: NmftaEvent): number | undefined {
  const declared = event.attributes?.[ATTRIBUTES.stopSequence];
  if (typeof declared === 'number' && Number.isInteger(declared) && declared >= 1) {
    return declared;
  }

  const location = event.location;

  return location
    ? ENDPOINT_STOPS.find(({ endpoint }) => sameLocation(location, event.shipment[endpoint]))?.stopSequence
    : undefined;
}

/**
 * Same `locationId` when both have one (carriers and shippers often number a facility each their own way, so one
 * side's id alone says nothing); otherwise the same city, state and postal code.
 */
function sameLocation(a: NmftaLocation, b: NmftaLocation): boolean {
  if (a.locationId !== undefined && b.locationId !== undefined) {
    return a.locationId === b.locationId;
  }

  return namesPlace(a) && place(a) === place(b);
}

/** Whether a location says which facility or town it is: coordinates alone cannot be matched to a stop. */
function namesPlace(location: NmftaLocation | undefined): boolean {
  return location !== undefined && (location.locationId !== undefined || place(location) !== '||');
}

function place(location: NmftaLocation): string {
  return [location.city, location.state, location.postalCode].map((part) => part?.trim().toLowerCase() ?? '').join('|');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
