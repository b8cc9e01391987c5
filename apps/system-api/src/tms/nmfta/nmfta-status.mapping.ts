import type { StatusTable } from '../mapping/status-mapping.js';

/**
 * NMFTA In-Transit Visibility event types (`Event.type`) to canonical dispatch events. Types of other modes (vessel,
 * rail, air, gate moves) are deliberately absent: a truckload carrier sending one is answered 422 and looked at.
 */
export const NMFTA_EVENT_TYPES: StatusTable = {
  PICKUP_SCHEDULED: { ignore: 'an appointment, not a movement' },
  PICKUP_ATTEMPTED: { kind: 'exception_raised', reason: 'Pickup attempted; the freight was not picked up' },
  PICKED_UP: { kind: 'departed_origin' },
  ARRIVED_AT_TERMINAL: { kind: 'arrived_stop' },
  DEPARTED_TERMINAL: { kind: 'departed_stop' },
  IN_TRANSIT: { ignore: 'a position update' },
  DELAY: { kind: 'exception_raised', reason: 'Shipment delayed' },
  EXCEPTION: { kind: 'exception_raised', reason: 'Shipment exception' },
  CUSTOMS_HOLD: { kind: 'exception_raised', code: 'CUSTOMS_HOLD', reason: 'Held by customs' },
  CUSTOMS_CLEARED: { kind: 'exception_cleared', code: 'CUSTOMS_HOLD' },
  OUT_FOR_DELIVERY: { ignore: 'a position update on the way to the last stop' },
  DELIVERY_ATTEMPTED: { kind: 'exception_raised', reason: 'Delivery attempted; the freight was not delivered' },
  DELIVERED: { kind: 'delivered' },
  PROOF_OF_DELIVERY: { kind: 'pod_captured' },
  CANCELLED: { kind: 'cancelled' },
  OTHER: { ignore: 'no normalised meaning; the raw message keeps the carrier status' },
};
