import type { DispatchEvent, DispatchEventKind, DispatchEventPayloads } from '../dispatch/dispatch-event.js';
import type { ProjectionBase } from '../dispatch/shipment-projection.js';
import type { IsoUtcTimestamp } from '../shared/iso-time.js';

/** Fixed shipment id of the fixtures. */
export const FIXTURE_SHIPMENT_ID = 'SHP-7781';

/** A shipment created with a pickup and a delivery, or with the stops given. */
export function plannedShipment(stopCount = 2, routeMiles: number | null = null): ProjectionBase {
  return {
    shipmentId: FIXTURE_SHIPMENT_ID,
    routeMiles,
    stops: Array.from({ length: stopCount }, (_, index) => ({
      sequence: index + 1,
      type: index === stopCount - 1 ? 'delivery' : 'pickup',
      appointment: null,
    })),
  };
}

/** One canonical dispatch event of the fixture shipment, reported by `acme-tms`. */
export function dispatchEvent<K extends DispatchEventKind>(
  eventId: string,
  kind: K,
  occurredAt: IsoUtcTimestamp,
  data: DispatchEventPayloads[K],
  sequence?: number,
): DispatchEvent {
  const header = { eventId, shipmentId: FIXTURE_SHIPMENT_ID, occurredAt, source: 'acme-tms' };

  return (sequence === undefined ? { ...header, kind, data } : { ...header, sequence, kind, data }) as DispatchEvent;
}
