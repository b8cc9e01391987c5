import type { StatusTable } from '../mapping/status-mapping.js';

/**
 * Trackline event types to canonical dispatch events. A `DocumentSubmitted` event is keyed by its document type as
 * well (`DocumentSubmitted:proofOfDelivery`), because only a proof of delivery means something to billing.
 */
export const TRACKLINE_EVENT_TYPES: StatusTable = {
  DriverAssigned: { kind: 'assigned' },
  DriverReassigned: { kind: 'reassigned' },
  RouteStarted: { kind: 'departed_origin' },
  RouteStopArrival: { kind: 'arrived_stop' },
  RouteStopDeparture: { kind: 'departed_stop' },
  RouteStopEtaUpdated: { ignore: 'an ETA update' },
  RouteCompleted: { kind: 'delivered' },
  'DocumentSubmitted:proofOfDelivery': { kind: 'pod_captured' },
  'DocumentSubmitted:billOfLading': { ignore: 'the bill of lading is signed at pickup; billing waits for the POD' },
  ExceptionReported: { kind: 'exception_raised', reason: 'Exception reported by the driver' },
  ExceptionResolved: { kind: 'exception_cleared' },
  RouteCancelled: { kind: 'cancelled' },
};
