import type { VendorFormat, VendorReading } from '../mapping/status-mapping.js';
import { toUtcTimestamp } from '../mapping/utc-timestamp.js';
import { readVendorJson } from '../mapping/vendor-json.js';
import { TRACKLINE_EVENT_TYPES } from './trackline-status.mapping.js';
import { compileTracklineWebhookSchema, type TracklineWebhook } from './trackline-webhook.schema.js';

export const TRACKLINE_VENDOR = 'trackline';

/** Trackline route webhooks: one event per message, identified by its `eventId`; no per-shipment sequence. */
export class TracklineWebhookFormat implements VendorFormat {
  readonly vendor = TRACKLINE_VENDOR;
  readonly statuses = TRACKLINE_EVENT_TYPES;
  private readonly validate = compileTracklineWebhookSchema();

  read(body: string): VendorReading {
    const webhook = readVendorJson<TracklineWebhook>({
      vendor: this.vendor,
      shape: 'a Trackline webhook',
      body,
      validate: this.validate,
    });
    const { data } = webhook;
    const documentType = data.document?.documentType;

    return {
      reports: [
        {
          status: documentType === undefined ? webhook.eventType : `${webhook.eventType}:${documentType}`,
          position: `eventId ${webhook.eventId}`,
          vendorEventId: webhook.eventId,
          dedupKey: webhook.eventId,
          shipmentId: data.route.externalIds.lanegateShipmentId,
          occurredAt: toUtcTimestamp(new Date(webhook.eventTime)),
          source: TRACKLINE_VENDOR,
          stopSequence: data.routeStop?.sequence,
          exceptionCode: data.exception?.code,
          note: data.exception?.description ?? data.cancellationReason,
          proofOfDelivery: { signedBy: data.document?.signedBy, documentUrl: data.document?.url },
          assignment: {
            scac: data.carrier?.scac,
            carrierName: data.carrier?.name,
            routeMiles: data.route.plannedMiles,
          },
        },
      ],
    };
  }
}
