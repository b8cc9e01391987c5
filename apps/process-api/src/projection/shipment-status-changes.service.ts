import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { ShipmentStatus } from '@lanegate/domain';
import {
  createEvent,
  type LayerMessaging,
  layerMessagingToken,
  type ShipmentStatusChangedData,
} from '@lanegate/messaging';

import { ShipmentEntity } from '../shipments/shipment.entity.js';
import { ShipmentTimeline } from './shipment-timeline.service.js';

export interface StatusChange {
  readonly shipmentId: string;
  readonly from: ShipmentStatus;
  readonly to: ShipmentStatus;
  /** Why, for people: the dispatch event or billing decision that moved the shipment. */
  readonly reason: string;
  readonly correlationId: string;
  /** Kept on the shipment when the change is into `exception_pending`. */
  readonly resumeStatus?: ShipmentStatus | null;
  /** Extra facts for the timeline entry. */
  readonly details?: Record<string, unknown>;
}

/**
 * The one way a shipment's status changes: the row, its `shipment.status_changed` event and the timeline entry
 * commit together in the caller's transaction.
 */
@Injectable()
export class ShipmentStatusChanges {
  private readonly logger = new Logger(ShipmentStatusChanges.name);

  constructor(
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
  ) {}

  async record(manager: EntityManager, change: StatusChange): Promise<void> {
    const { shipmentId, from, to, reason, correlationId } = change;
    await manager.update(
      ShipmentEntity,
      { id: shipmentId },
      { status: to, resumeStatus: change.resumeStatus ?? null, updatedAt: new Date() },
    );
    const data: ShipmentStatusChangedData = { from, to, reason };
    await this.messaging.append(manager, [
      createEvent({
        type: 'lanegate.shipment.status_changed.v1',
        subject: shipmentId,
        source: '/lanegate/process-api',
        correlationId,
        data,
      }),
    ]);
    await this.timeline.record(manager, {
      shipmentId,
      kind: 'status.changed',
      summary: `status ${from} -> ${to}`,
      details: { from, to, reason, ...change.details },
      correlationId,
      source: 'process-api',
    });
    this.logger.log({ shipmentId, from, to }, `shipment moved from ${from} to ${to}: ${reason}`);
  }
}
