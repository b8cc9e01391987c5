import { CloudEvent } from 'cloudevents';
import { randomUUID } from 'node:crypto';

/** Versioned, dotted event type, e.g. `lanegate.shipment.delivered.v1`. */
export type EventType = `lanegate.${string}.v${number}`;

const EVENT_TYPE = /^lanegate(\.[a-z][a-z0-9_]*)+\.v[1-9]\d*$/;

export interface NewEvent<T> {
  /** Dedup key; defaults to a new UUID. Vendor events keep the vendor's own id here. */
  id?: string;
  type: EventType;
  /** The shipment the event is about. */
  subject: string;
  /** The producing layer, e.g. `/lanegate/system-api`. */
  source: string;
  data: T;
  correlationId: string;
  /** Position of the event within its shipment's stream. */
  sequence?: number;
  time?: string;
}

/** A CloudEvents 1.0 envelope with Lanegate's extensions (`correlationid`, `sequence`). */
export type LanegateEvent<T = unknown> = CloudEvent<T> & { correlationid: string; sequence?: number };

/** Builds and validates a Lanegate CloudEvent; an invalid envelope throws before anything is stored or sent. */
export function createEvent<T>(event: NewEvent<T>): LanegateEvent<T> {
  if (!EVENT_TYPE.test(event.type)) {
    throw new TypeError(`event type ${event.type} must look like lanegate.<domain>.<fact>.v<version>`);
  }
  const [, ...path] = event.type.split('.');
  const cloudEvent = new CloudEvent<T>({
    specversion: '1.0',
    id: event.id ?? randomUUID(),
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time ?? new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: `urn:lanegate:event:${path.join('.')}`,
    data: event.data,
    correlationid: event.correlationId,
    ...(event.sequence === undefined ? {} : { sequence: event.sequence }),
  });
  cloudEvent.validate();

  return cloudEvent as LanegateEvent<T>;
}

/** Reads a CloudEvent back from its JSON form (outbox rows, broker messages), validating it. */
export function parseEvent(json: string | Record<string, unknown>): LanegateEvent {
  const attributes = typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : json;
  const event = new CloudEvent(attributes);
  event.validate();

  return event as LanegateEvent;
}
