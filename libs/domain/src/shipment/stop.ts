import type { IsoUtcTimestamp } from '../shared/iso-time.js';

export const STOP_TYPES = ['pickup', 'delivery'] as const;

export type StopType = (typeof STOP_TYPES)[number];

/** Where a stop is. `region` is the state or province code, `countryCode` ISO 3166-1 alpha-2. */
export interface StopLocation {
  readonly name: string;
  readonly addressLine?: string;
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  readonly countryCode: string;
}

/** The window the facility expects the truck in; a fixed appointment has `from` equal to `to`. */
export interface AppointmentWindow {
  readonly from: IsoUtcTimestamp;
  readonly to: IsoUtcTimestamp;
}

/** A pickup or delivery on the route. Arrival and departure are filled from dispatch events as they happen. */
export interface Stop {
  /** 1-based position on the route; unique within a shipment. */
  readonly sequence: number;
  readonly type: StopType;
  readonly location: StopLocation;
  readonly appointment: AppointmentWindow | null;
  readonly arrivedAt: IsoUtcTimestamp | null;
  readonly departedAt: IsoUtcTimestamp | null;
}

/** The stops in route order, without changing the input. */
export function sortStops(stops: readonly Stop[]): Stop[] {
  return [...stops].sort((a, b) => a.sequence - b.sequence);
}

/** The stop at `sequence`, if the route has one. */
export function findStop(stops: readonly Stop[], sequence: number): Stop | undefined {
  return stops.find((stop) => stop.sequence === sequence);
}

/** The first pickup in route order: its date picks the fuel surcharge week. */
export function firstPickup(stops: readonly Stop[]): Stop | undefined {
  return sortStops(stops).find((stop) => stop.type === 'pickup');
}
