import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * A Trackline webhook: the envelope a fleet telematics platform posts for every route event (an arrival or departure
 * at a route stop, a driver assignment, a submitted document), with the event's facts under `data`. Lanegate is
 * told of the route's load through the external id it gave when it dispatched the load.
 */
export interface TracklineWebhook {
  /** Unique per event, the same on every retry. */
  readonly eventId: string;
  /** When it happened, RFC 3339. */
  readonly eventTime: string;
  /** E.g. `RouteStopArrival`, `RouteStopDeparture`, `DriverAssigned`, `DocumentSubmitted`. */
  readonly eventType: string;
  readonly orgId?: number;
  readonly webhookId?: string;
  readonly data: {
    readonly route: {
      readonly id?: string;
      readonly externalIds: { readonly lanegateShipmentId: string };
      readonly plannedMiles?: number;
    };
    readonly routeStop?: { readonly id?: string; readonly sequence?: number; readonly name?: string };
    readonly driver?: { readonly id?: string; readonly name?: string };
    readonly carrier?: { readonly scac?: string; readonly name?: string };
    readonly document?: {
      readonly id?: string;
      readonly documentType: string;
      readonly url?: string;
      readonly signedBy?: string;
    };
    readonly exception?: { readonly code?: string; readonly description?: string };
    readonly cancellationReason?: string;
  };
}

const text = { type: 'string', minLength: 1 } as const;

/** The JSON Schema Lanegate checks Trackline webhooks against. Unknown members are allowed: vendors add fields. */
export const TRACKLINE_WEBHOOK_SCHEMA = {
  type: 'object',
  required: ['eventId', 'eventTime', 'eventType', 'data'],
  properties: {
    eventId: text,
    eventTime: { type: 'string', format: 'date-time' },
    eventType: text,
    orgId: { type: 'integer' },
    webhookId: text,
    data: {
      type: 'object',
      required: ['route'],
      properties: {
        route: {
          type: 'object',
          required: ['externalIds'],
          properties: {
            id: text,
            externalIds: { type: 'object', required: ['lanegateShipmentId'], properties: { lanegateShipmentId: text } },
            plannedMiles: { type: 'integer', minimum: 0 },
          },
        },
        routeStop: {
          type: 'object',
          properties: { id: text, sequence: { type: 'integer', minimum: 1 }, name: text },
        },
        driver: { type: 'object', properties: { id: text, name: text } },
        carrier: { type: 'object', properties: { scac: text, name: text } },
        document: {
          type: 'object',
          required: ['documentType'],
          properties: { id: text, documentType: text, url: text, signedBy: text },
        },
        exception: { type: 'object', properties: { code: text, description: text } },
        cancellationReason: text,
      },
    },
  },
} as const;

export function compileTracklineWebhookSchema(): ValidateFunction<TracklineWebhook> {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv, ['date-time']);

  return ajv.compile<TracklineWebhook>(TRACKLINE_WEBHOOK_SCHEMA);
}
