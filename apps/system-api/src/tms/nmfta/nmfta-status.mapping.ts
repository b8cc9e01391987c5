import type { StatusTable } from '../mapping/status-mapping.js';

/**
 * Table key suffix of a terminal arrival or departure at a place that is not a stop of the shipment (see
 * `ARRIVED_AT_TERMINAL` below).
 */
export const OFF_ROUTE = ':offRoute';

/**
 * NMFTA In-Transit Visibility event types (`Event.type`) to canonical dispatch events. Types of other modes (vessel,
 * rail, air, gate moves) are deliberately absent: a truckload carrier sending one is answered 422 and looked at.
 *
 * The standard has no "arrived at stop" type; truckload carriers report arrivals at the shipper and the consignee as
 * `ARRIVED_AT_TERMINAL` and departures as `DEPARTED_TERMINAL`. Such an event placed on a stop of the shipment (by
 * `attributes.stopSequence`, or a location equal to the origin or destination) is a stop event: its time drives
 * detention. One at another named place (the carrier's own yard or cross-dock on the way) is `:offRoute`, a position
 * update, and becomes no event. One that names no place at all cannot be placed and is answered 422.
 *
 * DELAY and EXCEPTION raise an exception under the carrier-native code (`status`, else `attributes.reasonCode`, else
 * the type itself), so that billing holds until the carrier clears it.
 */
export const NMFTA_EVENT_TYPES: StatusTable = {
  PICKUP_SCHEDULED: { ignore: 'an appointment, not a movement' },
  PICKUP_ATTEMPTED: { kind: 'exception_raised', reason: 'Pickup attempted; the freight was not picked up' },
  PICKED_UP: { kind: 'departed_origin' },
  ARRIVED_AT_TERMINAL: { kind: 'arrived_stop' },
  [`ARRIVED_AT_TERMINAL${OFF_ROUTE}`]: { ignore: "an arrival at the carrier's own terminal, not a stop of the load" },
  DEPARTED_TERMINAL: { kind: 'departed_stop' },
  [`DEPARTED_TERMINAL${OFF_ROUTE}`]: { ignore: "a departure from the carrier's own terminal, not a stop of the load" },
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
