import type { DispatchEventKind } from '@lanegate/domain';

/**
 * The canonical kinds a vendor status can become. Accessorials are not among them: no vendor format here reports
 * them, and vendors that do send them as canonical events to the process API.
 */
export type VendorMappedKind = Exclude<
  DispatchEventKind,
  'accessorial_submitted' | 'accessorial_approved' | 'accessorial_rejected'
>;

/** A vendor status that becomes a canonical event, with the defaults the message itself may not carry. */
export interface EventMapping {
  readonly kind: VendorMappedKind;
  /** For stop events: the stop when the message does not number it (a pickup status is at stop 1). */
  readonly defaultStop?: number;
  /** For exceptions and cancellations: what happened, when the message says nothing more. */
  readonly reason?: string;
  /**
   * For exceptions: the exception code when the status fixes it, so that the status clearing it names the same code
   * (a customs hold is cleared by customs clearance). Otherwise the carrier-native code, else the status, is used.
   */
  readonly code?: string;
}

/** A vendor status Lanegate knows and deliberately turns into no event (a position or ETA update). */
export interface IgnoredStatus {
  readonly ignore: string;
}

export type StatusMapping = EventMapping | IgnoredStatus;

/** A vendor's declarative table: its status vocabulary to canonical kinds. Statuses not listed are unknown. */
export type StatusTable = Readonly<Record<string, StatusMapping>>;

export function isIgnored(mapping: StatusMapping): mapping is IgnoredStatus {
  return 'ignore' in mapping;
}

/**
 * One status report read out of a vendor message, in the vendor-neutral terms the canonical events need. Readers
 * fill in what their format carries; the mapper asks for what the mapped kind needs and refuses what is missing.
 */
export interface VendorStatusReport {
  /** Key into the vendor's {@link StatusTable}: an event type, a status code, an AT7 code. */
  readonly status: string;
  /** Where in the message the report came from, for error messages, e.g. `events[2]` or `ST 0001, LX 3`. */
  readonly position: string;
  /** The vendor's own id of the report, kept in the event for support conversations. */
  readonly vendorEventId: string;
  /** Stable across redeliveries of the same fact; the canonical event id is derived from it. */
  readonly dedupKey: string;
  readonly shipmentId: string;
  /** ISO 8601 UTC. */
  readonly occurredAt: string;
  /** The platform that reported it, as the canonical `source`, e.g. `nmfta` or `x12:SWFT`. */
  readonly source: string;
  /** The vendor's per-shipment order, when it sends one. */
  readonly sequence?: number;
  readonly stopSequence?: number;
  /** The carrier-native code of an exception, e.g. a reason code. */
  readonly exceptionCode?: string;
  /** Free text from the vendor: an exception's description, a cancellation reason. */
  readonly note?: string;
  readonly proofOfDelivery?: { readonly signedBy?: string; readonly documentUrl?: string };
  readonly assignment?: { readonly scac?: string; readonly carrierName?: string; readonly routeMiles?: number };
}

/** What a format reads out of one raw message: the reports in message order, and the answer the vendor expects. */
export interface VendorReading {
  readonly reports: readonly VendorStatusReport[];
  /** The vendor's id of the delivery (constant across its retries), kept with the raw message. */
  readonly deliveryId?: string;
  /** A format-specific acknowledgement (an X12 997), answered instead of the JSON receipt. */
  acknowledge?(at: Date): string;
}

/** One inbound vendor format: its name (also its secrets' and raw messages' vendor), its table and its reader. */
export interface VendorFormat {
  readonly vendor: string;
  readonly statuses: StatusTable;
  /**
   * Parses and validates a raw message. Pure: the same body always reads the same way.
   * @throws VendorMessageInvalidError or X12MalformedError (400) when the message is not of the format.
   */
  read(body: string): VendorReading;
}
