export { DispatchEventEntity, STORED_EVENT_OUTCOMES, type StoredEventOutcome } from './dispatch-event.entity.js';
export { DISPATCH_PROJECTION_CONSUMER } from './project-shipment-on-dispatch.handler.js';
export { ProjectionModule } from './projection.module.js';
export {
  SHIPMENT_PROJECTED_HOOKS,
  type ShipmentProjectedChange,
  type ShipmentProjectedHook,
} from './shipment-projected.hook.js';
export { ShipmentProjectionEntity } from './shipment-projection.entity.js';
export { ShipmentProjections, type StoredShipmentProjection } from './shipment-projections.service.js';
export { ShipmentTimelineEntryEntity } from './shipment-timeline-entry.entity.js';
export { ShipmentTimeline, type TimelineEntry, type TimelineEntryRecord } from './shipment-timeline.service.js';
export { type StatusChange, ShipmentStatusChanges } from './shipment-status-changes.service.js';
