import type { AccessorialKind } from '../billing/charge.js';
import type { Carrier } from '../parties/carrier.js';
import { type IsoUtcTimestamp, parseIsoUtc } from '../shared/iso-time.js';
import type { CurrencyCode } from '../shared/money.js';
import type { ProofOfDelivery } from '../shipment/proof-of-delivery.js';

/** Every kind of fact a dispatch platform reports about a shipment, in canonical form. */
export const DISPATCH_EVENT_KINDS = [
  'assigned',
  'reassigned',
  'departed_origin',
  'arrived_stop',
  'departed_stop',
  'delivered',
  'pod_captured',
  'exception_raised',
  'exception_cleared',
  'cancelled',
  'accessorial_submitted',
  'accessorial_approved',
  'accessorial_rejected',
] as const;

export type DispatchEventKind = (typeof DISPATCH_EVENT_KINDS)[number];

/** A carrier assignment; `routeMiles` are whole miles of the route with this carrier. */
export interface AssignmentData {
  readonly carrier: Carrier;
  readonly routeMiles: number;
}

export interface StopEventData {
  readonly stopSequence: number;
}

export interface ExceptionRaisedData {
  /** The vendor's or X12 status code, e.g. `SD` (shipment delayed) or `A9` (damaged). */
  readonly code: string;
  readonly reason: string;
}

export interface ExceptionClearedData {
  /** The code of the exception being cleared. */
  readonly code: string;
  readonly resolution?: string;
}

export interface CancelledData {
  readonly reason?: string;
}

export interface AccessorialData {
  /** The vendor's id of the accessorial request, stable across submission, approval and rejection. */
  readonly accessorialId: string;
  readonly kind: AccessorialKind;
  /** Integer cents; on approval, the approved amount. */
  readonly amountCents: number;
  readonly currency: CurrencyCode;
}

export interface AccessorialSubmittedData extends AccessorialData {
  readonly receiptUrl?: string;
  readonly description?: string;
}

export interface AccessorialRejectedData extends AccessorialData {
  readonly reason: string;
}

/** The payload carried by each kind of event. Kinds with nothing to add carry an empty object. */
export interface DispatchEventPayloads {
  assigned: AssignmentData;
  reassigned: AssignmentData;
  departed_origin: Record<string, never>;
  arrived_stop: StopEventData;
  departed_stop: StopEventData;
  delivered: Record<string, never>;
  pod_captured: ProofOfDelivery;
  exception_raised: ExceptionRaisedData;
  exception_cleared: ExceptionClearedData;
  cancelled: CancelledData;
  accessorial_submitted: AccessorialSubmittedData;
  accessorial_approved: AccessorialData;
  accessorial_rejected: AccessorialRejectedData;
}

/** Fields every dispatch event has, whatever its kind. */
export interface DispatchEventHeader {
  /** Globally unique; the deduplication key of the inbox. */
  readonly eventId: string;
  readonly shipmentId: string;
  /** When it happened in the world, not when we heard of it. */
  readonly occurredAt: IsoUtcTimestamp;
  /** Per-shipment order from the source, when the source provides one. */
  readonly sequence?: number;
  /** The dispatch platform that reported it, e.g. `acme-tms`. */
  readonly source: string;
  /** The source's own id for the message, kept for support conversations. */
  readonly vendorEventId?: string;
}

/** A dispatch event of one kind, with the payload of that kind. */
export type DispatchEventOf<K extends DispatchEventKind> = DispatchEventHeader & {
  readonly kind: K;
  readonly data: DispatchEventPayloads[K];
};

/** Any dispatch event; switch on `kind` to narrow `data`. */
export type DispatchEvent = { [K in DispatchEventKind]: DispatchEventOf<K> }[DispatchEventKind];

/** Narrows untrusted input to a known event kind. */
export function isDispatchEventKind(value: unknown): value is DispatchEventKind {
  return (DISPATCH_EVENT_KINDS as readonly unknown[]).includes(value);
}

/**
 * Orders two events of one shipment for replay: by `sequence` when both have one, then by `occurredAt` (as
 * instants, so `09:50Z` equals `09:50:00.000Z`), then by `eventId` so that the order is always deterministic.
 * Use it with `Array.prototype.sort`. A source sends sequences for all of a shipment's events or for none; mixing
 * the two can make the order depend on which pairs are compared.
 */
export function compareDispatchEvents(a: DispatchEventHeader, b: DispatchEventHeader): number {
  if (a.sequence !== undefined && b.sequence !== undefined && a.sequence !== b.sequence) {
    return a.sequence - b.sequence;
  }

  const byTime = compareInstants(a.occurredAt, b.occurredAt);
  if (byTime !== 0) {
    return byTime;
  }

  return compareStrings(a.eventId, b.eventId);
}

function compareInstants(a: IsoUtcTimestamp, b: IsoUtcTimestamp): number {
  const aMs = parseIsoUtc(a);
  const bMs = parseIsoUtc(b);
  // Unparseable times should have been refused at the edge; comparing the text keeps the order total anyway.
  if (aMs === null || bMs === null) {
    return compareStrings(a, b);
  }

  return aMs - bMs;
}

// Code-unit order, not locale order, so that every replica sorts the same way.
function compareStrings(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}
