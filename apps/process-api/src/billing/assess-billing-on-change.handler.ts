import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { ShipmentProjection } from '@lanegate/domain';
import {
  createEvent,
  exponentialBackoff,
  type LanegateEvent,
  type LayerMessaging,
  layerMessagingToken,
  type ShipmentDispatchStateChangedData,
} from '@lanegate/messaging';
import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import {
  SHIPMENT_PROJECTED_HOOKS,
  type ShipmentProjectedChange,
  type ShipmentProjectedHook,
  ShipmentTimeline,
} from '../projection/index.js';
import { BillingAssessor } from './billing-assessor.service.js';
import { billingMetrics } from './billing.metrics.js';
import { ShipmentBillingEntity } from './shipment-billing.entity.js';

/** Consumer group of billing; stable across releases (it names inbox rows and durable consumers). */
export const BILLING_CONSUMER = 'process.billing';

/**
 * Billing follows the shipment: every change of its dispatch state, and every review an operator asks for,
 * assesses its billing again. The projection announces its changes with `lanegate.shipment.dispatch_state_changed`
 * from inside its own transaction, so billing never reads a projection older than the event it handles.
 */
@Injectable()
export class AssessBillingOnChangeHandler implements OnModuleInit {
  private readonly logger = new Logger(AssessBillingOnChangeHandler.name);

  constructor(
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(SHIPMENT_PROJECTED_HOOKS) private readonly hooks: ShipmentProjectedHook[],
    @Inject(BillingAssessor) private readonly assessor: BillingAssessor,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.push({ onProjected: (manager, change) => this.announce(manager, change) });
    this.messaging.consume({
      name: BILLING_CONSUMER,
      types: ['lanegate.shipment.dispatch_state_changed.', 'lanegate.billing.review_requested.'],
      retry: {
        maxAttempts: this.config.billing.attempts,
        backoffMs: exponentialBackoff(1_000, this.config.billing.retryMaxMs),
      },
      prepare: (event) => this.assessor.prepare(event),
      onDeadLettered: (event, manager, reason) => this.gaveUp(event, manager, reason),
    });
  }

  /** Publishes the change of a shipment's dispatch state; a fold that changed nothing publishes nothing. */
  private async announce(manager: EntityManager, change: ShipmentProjectedChange): Promise<void> {
    if (change.before !== null && stateOf(change.before) === stateOf(change.after)) {
      return;
    }

    const data: ShipmentDispatchStateChangedData = {
      projectionVersion: change.version,
      dispatchStatus: change.after.status,
      eventCount: change.eventCount,
    };
    await this.messaging.append(manager, [
      createEvent({
        type: 'lanegate.shipment.dispatch_state_changed.v1',
        subject: change.shipmentId,
        source: '/lanegate/process-api',
        correlationId: change.correlationId ?? change.shipmentId,
        data,
      }),
    ]);
  }

  /** The assessment failed on every attempt (an ERP down for long): show it on the shipment until a replay. */
  private async gaveUp(event: LanegateEvent, manager: EntityManager, reason: string): Promise<void> {
    const shipmentId = event.subject ?? '';
    const failedAt = new Date();
    await manager.update(
      ShipmentBillingEntity,
      { shipmentId },
      { postingFailure: reason.slice(0, 200), postingFailedAt: failedAt },
    );
    await this.timeline.record(manager, {
      shipmentId,
      kind: 'billing.gave_up',
      summary:
        `billing gave up after ${this.config.billing.attempts} attempts (${reason}); the work is a dead letter ` +
        'an operator can replay',
      details: { eventId: event.id, type: event.type, reason },
      correlationId: event.correlationid,
      source: 'billing',
      at: failedAt,
    });
    billingMetrics().failures.inc({ reason });
    this.logger.error(
      { shipmentId, eventId: event.id, reason },
      'billing of the shipment failed on every attempt and is a dead letter; replay it once the ERP answers',
    );
  }
}

/** The projection without its decision log: what billing depends on. */
function stateOf(projection: ShipmentProjection): string {
  const { decisions: _decisions, ...state } = projection;

  return JSON.stringify(state);
}
