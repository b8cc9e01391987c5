import type { StatusTable } from '../mapping/status-mapping.js';

/**
 * A 214 that does not number its stops (no `L11*<n>*QN` in the LX loop) is read as a two-stop load: pickup statuses
 * are at stop 1, delivery statuses at stop 2.
 */
const PICKUP_STOP = 1;
const DELIVERY_STOP = 2;

/** Table key of an AT7 that carries only an appointment status (AT703) and no shipment status (AT701). */
export const APPOINTMENT_ONLY = 'appointment';

/** X12 214 shipment status codes (AT701, element 1650) to canonical dispatch events. */
export const AT7_STATUS_CODES: StatusTable = {
  X3: { kind: 'arrived_stop', defaultStop: PICKUP_STOP },
  CP: { ignore: 'loading completed; the departure (AF) moves the shipment' },
  AF: { kind: 'departed_origin' },
  X6: { ignore: 'a position update en route' },
  AG: { ignore: 'an estimated delivery time' },
  X1: { kind: 'arrived_stop', defaultStop: DELIVERY_STOP },
  D1: { kind: 'delivered' },
  CD: { kind: 'departed_stop', defaultStop: DELIVERY_STOP },
  SD: { kind: 'exception_raised', reason: 'Shipment delayed' },
  AH: { kind: 'exception_raised', reason: 'Delivery attempted' },
  A3: { kind: 'exception_raised', reason: 'Shipment returned to shipper' },
  A7: { kind: 'exception_raised', reason: 'Refused by consignee' },
  A9: { kind: 'exception_raised', reason: 'Shipment damaged' },
  CA: { kind: 'cancelled', reason: 'Cancelled by the carrier' },
  [APPOINTMENT_ONLY]: { ignore: 'an appointment was set or changed (AT703); no movement' },
};

/** Status reason codes (AT702, element 1651), as the text of an exception or cancellation. `NS` adds nothing. */
export const AT7_REASON_CODES: Readonly<Record<string, string>> = {
  A1: 'Missed delivery',
  AF: 'Accident',
  AG: 'Consignee related',
  AH: 'Driver related',
  AI: 'Mechanical breakdown',
  AO: 'Weather or natural disaster related',
  B1: 'Consignee closed',
  BB: 'Held per shipper',
  HB: 'Held pending appointment',
};
