/** Every canonical shipment status, in the order a shipment normally moves through them. */
export const SHIPMENT_STATUSES = [
  'created',
  'dispatched',
  'in_transit',
  'delivered',
  'billing_hold',
  'billing_ready',
  'invoice_posted',
  'exception_pending',
  'cancelled',
] as const;

/** A canonical shipment status. Vendor statuses are mapped to these before anything else sees them. */
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Statuses from which an exception can be raised, and so the statuses an exception can return to. */
export const ACTIVE_SHIPMENT_STATUSES = [
  'created',
  'dispatched',
  'in_transit',
  'delivered',
  'billing_hold',
  'billing_ready',
] as const satisfies readonly ShipmentStatus[];

export type ActiveShipmentStatus = (typeof ACTIVE_SHIPMENT_STATUSES)[number];

/** Statuses that no status change leaves. */
export const TERMINAL_SHIPMENT_STATUSES = ['invoice_posted', 'cancelled'] as const satisfies readonly ShipmentStatus[];

export type TerminalShipmentStatus = (typeof TERMINAL_SHIPMENT_STATUSES)[number];

/** Narrows untrusted input (a stored row, a request body) to a canonical status. */
export function isShipmentStatus(value: unknown): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly unknown[]).includes(value);
}

/** True for the statuses an exception may interrupt. */
export function isActiveShipmentStatus(value: unknown): value is ActiveShipmentStatus {
  return (ACTIVE_SHIPMENT_STATUSES as readonly unknown[]).includes(value);
}

/** True for `invoice_posted` and `cancelled`. */
export function isTerminalShipmentStatus(value: unknown): value is TerminalShipmentStatus {
  return (TERMINAL_SHIPMENT_STATUSES as readonly unknown[]).includes(value);
}
