import type { EntityManager } from 'typeorm';

import type { ShipmentProjection } from '@lanegate/domain';

/** One update of a shipment's projection, as the dispatch-projection consumer just persisted it. */
export interface ShipmentProjectedChange {
  readonly shipmentId: string;
  /** The projection before this update; `null` the first time the shipment is projected (on its creation). */
  readonly before: ShipmentProjection | null;
  readonly after: ShipmentProjection;
  /** Version of the stored projection after this update. */
  readonly version: number;
  /** Distinct dispatch events folded into `after`. */
  readonly eventCount: number;
  /** Correlation id of the event that caused the update. */
  readonly correlationId: string | null;
}

/**
 * Takes part in every projection update, inside the consumer's transaction: what it writes commits with the
 * projection, and if it throws the whole handling rolls back and the event is delivered again.
 */
export interface ShipmentProjectedHook {
  onProjected(manager: EntityManager, change: ShipmentProjectedChange): Promise<void>;
}

/**
 * Injection token of the hooks called after each projection update, in order: an array, empty unless a module adds
 * itself. A module that needs the updates imports `ProjectionModule`, injects this token and pushes its hook in
 * `onModuleInit`, before the consumer starts.
 */
export const SHIPMENT_PROJECTED_HOOKS = Symbol('SHIPMENT_PROJECTED_HOOKS');
