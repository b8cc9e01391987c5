import { createHash } from 'node:crypto';

import type { DispatchEventPayloads } from '@lanegate/domain';
import {
  createEvent,
  dispatchEventType,
  EVENT_CATALOG,
  EventCatalogError,
  type LanegateEvent,
} from '@lanegate/messaging';

import { VendorEventUnmappableError } from '../tms.exception.js';
import type { EventMapping, VendorMappedKind, VendorStatusReport } from './status-mapping.js';

/** The envelope `source` of every event the system layer publishes. */
export const SYSTEM_API_SOURCE = '/lanegate/system-api';

// Fixed forever: changing it would give every redelivered vendor event a new id and defeat deduplication.
const DISPATCH_EVENT_NAMESPACE = '3d5c2f0e-8a61-4b7e-9c0a-6f1e2d4b7a90';

const MAX_SHIPMENT_ID_LENGTH = 128;
const HTTP_URL = /^https?:\/\/\S+$/;

export interface MappingContext {
  readonly vendor: string;
  readonly correlationId: string;
  /** When Lanegate publishes the event (the envelope `time`), ISO 8601 UTC. */
  readonly time: string;
}

type PayloadBuilder<K extends VendorMappedKind> = (
  report: VendorStatusReport,
  mapping: EventMapping,
  vendor: string,
) => DispatchEventPayloads[K];

/** How each canonical kind reads its payload from a vendor report; one entry per kind, checked by the compiler. */
const PAYLOADS: { readonly [K in VendorMappedKind]: PayloadBuilder<K> } = {
  assigned: assignment,
  reassigned: assignment,
  departed_origin: () => ({}),
  arrived_stop: stop,
  departed_stop: stop,
  delivered: () => ({}),
  pod_captured: (report, _mapping, vendor) => ({
    capturedAt: report.occurredAt,
    signedBy: required(
      report.proofOfDelivery?.signedBy,
      'the name of who signed the proof of delivery',
      report,
      vendor,
    ),
    // Events link documents over http(s) only; a link in another scheme stays in the raw message.
    ...(HTTP_URL.test(report.proofOfDelivery?.documentUrl ?? '')
      ? { documentUrl: report.proofOfDelivery?.documentUrl }
      : {}),
  }),
  exception_raised: (report, mapping) => ({
    code: mapping.code ?? report.exceptionCode ?? report.status,
    reason: report.note ?? mapping.reason ?? report.status,
  }),
  exception_cleared: (report, mapping) => ({
    code: mapping.code ?? report.exceptionCode ?? report.status,
    ...(report.note ? { resolution: report.note } : {}),
  }),
  cancelled: (report, mapping) => {
    const reason = report.note ?? mapping.reason;

    return reason === undefined ? {} : { reason };
  },
};

function assignment(
  report: VendorStatusReport,
  _mapping: EventMapping,
  vendor: string,
): DispatchEventPayloads['assigned'] {
  const given = report.assignment;

  return {
    carrier: {
      scac: required(given?.scac, "the carrier's SCAC", report, vendor),
      name: required(given?.carrierName, "the carrier's name", report, vendor),
    },
    routeMiles: required(given?.routeMiles, 'the route miles', report, vendor),
  };
}

function stop(
  report: VendorStatusReport,
  mapping: EventMapping,
  vendor: string,
): DispatchEventPayloads['arrived_stop'] {
  return { stopSequence: required(report.stopSequence ?? mapping.defaultStop, 'the stop sequence', report, vendor) };
}

function required<T>(value: T | undefined, what: string, report: VendorStatusReport, vendor: string): T {
  if (value === undefined || value === '') {
    throw new VendorEventUnmappableError(
      vendor,
      `${vendor} status '${report.status}' (${report.position}) needs ${what}, and the message does not say.`,
    );
  }

  return value;
}

/**
 * The canonical event for a vendor report under its table's mapping. Its id derives from the vendor and the report's
 * dedup key, so a redelivered report becomes the same event and the outbox keeps one.
 * @throws VendorEventUnmappableError when the report lacks what the kind needs or the event breaks its schema.
 */
export function toDispatchEvent(
  report: VendorStatusReport,
  mapping: EventMapping,
  context: MappingContext,
): LanegateEvent {
  if (report.shipmentId.length > MAX_SHIPMENT_ID_LENGTH) {
    throw new VendorEventUnmappableError(
      context.vendor,
      `${context.vendor} shipment id at ${report.position} is longer than ${MAX_SHIPMENT_ID_LENGTH} characters.`,
    );
  }

  const build = PAYLOADS[mapping.kind] as PayloadBuilder<VendorMappedKind>;
  const event = createEvent({
    id: dispatchEventId(context.vendor, report.dedupKey),
    type: dispatchEventType(mapping.kind),
    subject: report.shipmentId,
    source: SYSTEM_API_SOURCE,
    correlationId: context.correlationId,
    sequence: report.sequence,
    time: context.time,
    data: {
      ...build(report, mapping, context.vendor),
      occurredAt: report.occurredAt,
      source: report.source,
      vendorEventId: report.vendorEventId,
    },
  });

  try {
    EVENT_CATALOG.validate(event);
  } catch (error) {
    if (error instanceof EventCatalogError) {
      throw new VendorEventUnmappableError(
        context.vendor,
        `${context.vendor} status '${report.status}' (${report.position}) makes an invalid ${event.type}: ` +
          error.message,
        error.errors,
      );
    }
    throw error;
  }

  return event;
}

/** The canonical event id of a vendor report: a name-based UUID (version 5) of the vendor and the dedup key. */
export function dispatchEventId(vendor: string, dedupKey: string): string {
  return uuidV5(`${vendor}:${dedupKey}`, DISPATCH_EVENT_NAMESPACE);
}

/** RFC 9562 version 5 UUID: SHA-1 of the namespace and the name, with the version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
