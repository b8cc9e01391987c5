import { Module } from '@nestjs/common';

import { MessagingModule } from '@lanegate/messaging';

import { ProjectShipmentOnDispatchHandler } from './project-shipment-on-dispatch.handler.js';
import { SHIPMENT_PROJECTED_HOOKS, type ShipmentProjectedHook } from './shipment-projected.hook.js';
import { ShipmentProjections } from './shipment-projections.service.js';
import { ShipmentProjector } from './shipment-projector.service.js';
import { ShipmentStatusChanges } from './shipment-status-changes.service.js';
import { ShipmentTimelineController } from './shipment-timeline.controller.js';
import { ShipmentTimeline } from './shipment-timeline.service.js';

/**
 * Shipment projections folded from dispatch events, the shipment timeline, and the hooks that take part in every
 * projection update (billing readiness registers one).
 */
@Module({
  imports: [MessagingModule.forLayer('process')],
  controllers: [ShipmentTimelineController],
  providers: [
    ShipmentTimeline,
    ShipmentProjections,
    ShipmentProjector,
    ShipmentStatusChanges,
    ProjectShipmentOnDispatchHandler,
    // A fresh array per application, so that hooks of one app never leak into another started in the same process.
    { provide: SHIPMENT_PROJECTED_HOOKS, useFactory: (): ShipmentProjectedHook[] => [] },
  ],
  exports: [ShipmentTimeline, ShipmentProjections, ShipmentStatusChanges, SHIPMENT_PROJECTED_HOOKS],
})
export class ProjectionModule {}
