import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import {
  type DispatchEventKind,
  type ProjectionBase,
  type ProjectionDecision,
  projectShipment,
  type ShipmentProjection,
  type ShipmentStatus,
} from '@lanegate/domain';
import type { LanegateEvent } from '@lanegate/messaging';

import { lockShipment } from '../shipments/shipment-lock.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';
import { DispatchEventEntity, type StoredEventOutcome } from './dispatch-event.entity.js';
import { toDispatchEvent, toDispatchEventRow } from './dispatch-event.mapper.js';
import { SHIPMENT_PROJECTED_HOOKS, type ShipmentProjectedHook } from './shipment-projected.hook.js';
import { ShipmentProjectionEntity } from './shipment-projection.entity.js';
import { ShipmentStatusChanges } from './shipment-status-changes.service.js';
import { ShipmentTimeline } from './shipment-timeline.service.js';

/** What caused a fold: the event just received (if any), its correlation id and a reason for people. */
interface FoldTrigger {
  readonly receivedEventId: string | null;
  readonly correlationId: string;
  readonly reason: string;
}

const BILLING_STATUSES: readonly ShipmentStatus[] = ['billing_hold', 'billing_ready', 'invoice_posted'];

/**
 * The shipment's overall status after a fold. Dispatch events decide it, except that billing owns what follows a
 * delivery: a delivered shipment that billing moved on keeps billing's status, and a posted invoice is final.
 */
export function overallStatus(current: ShipmentStatus, dispatchStatus: ShipmentStatus): ShipmentStatus {
  if (current === 'invoice_posted') {
    return current;
  }

  return dispatchStatus === 'delivered' && BILLING_STATUSES.includes(current) ? current : dispatchStatus;
}

/**
 * Keeps each shipment's projection in step with its dispatch events: stores every event once, parks events of a
 * shipment not created yet, and folds all of a shipment's events again whenever one arrives, inside the consumer's
 * transaction, with the status change, its event, the timeline and the hooks committing together.
 */
@Injectable()
export class ShipmentProjector {
  private readonly logger = new Logger(ShipmentProjector.name);

  constructor(
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
    @Inject(SHIPMENT_PROJECTED_HOOKS) private readonly hooks: ShipmentProjectedHook[],
    @Inject(ShipmentStatusChanges) private readonly statusChanges: ShipmentStatusChanges,
  ) {}

  /** Stores a dispatch event and folds its shipment again, or parks the event until the shipment exists. */
  async receive(manager: EntityManager, event: LanegateEvent, kind: DispatchEventKind): Promise<void> {
    const row = toDispatchEventRow(event, kind, new Date());
    const header = { shipmentId: row.shipmentId, correlationId: row.correlationId, source: row.source };
    const details = { eventId: row.eventId, kind, sequence: row.sequence, occurredAt: row.occurredAt.toISOString() };
    if (await manager.existsBy(DispatchEventEntity, { eventId: row.eventId })) {
      await this.timeline.record(manager, {
        ...header,
        kind: 'dispatch_event.received',
        summary: `${kind} from ${row.source}: duplicate, already received`,
        details: { ...details, decision: { outcome: 'duplicate', reason: 'this event was already received' } },
      });

      return;
    }

    const shipment = await lockShipment(manager, row.shipmentId);
    if (shipment === null) {
      await manager.insert(DispatchEventEntity, {
        ...row,
        outcome: 'parked',
        rejectionCode: null,
        decisionReason: null,
      });
      await this.timeline.record(manager, {
        ...header,
        kind: 'dispatch_event.received',
        summary: `${kind} from ${row.source}: parked until the shipment is created`,
        details: { ...details, decision: { outcome: 'parked', reason: 'the shipment does not exist yet' } },
      });
      this.logger.log(
        { shipmentId: row.shipmentId, eventId: row.eventId, kind },
        'dispatch event parked: its shipment does not exist yet; it applies when the shipment is created',
      );

      return;
    }

    await manager.insert(DispatchEventEntity, { ...row, outcome: 'parked', rejectionCode: null, decisionReason: null });
    await this.fold(manager, shipment, {
      receivedEventId: row.eventId,
      correlationId: row.correlationId,
      reason: `${event.type} from ${row.source}`,
    });
  }

  /** Projects a shipment that was just created, applying the dispatch events parked for it. */
  async created(manager: EntityManager, event: LanegateEvent): Promise<void> {
    const shipmentId = event.subject ?? '';
    const shipment = await lockShipment(manager, shipmentId);
    if (shipment === null) {
      this.logger.warn({ shipmentId, eventId: event.id }, 'shipment.created names a shipment this layer does not have');

      return;
    }

    const parked = await manager.countBy(DispatchEventEntity, { shipmentId, outcome: 'parked' });
    await this.timeline.record(manager, {
      shipmentId,
      kind: 'shipment.created',
      summary:
        parked === 0
          ? 'shipment created'
          : `shipment created; ${parked} parked dispatch event${parked === 1 ? '' : 's'} applied`,
      details: { parkedEventCount: parked },
      correlationId: event.correlationid,
      source: 'process-api',
    });
    await this.fold(manager, shipment, {
      receivedEventId: null,
      correlationId: event.correlationid,
      reason: parked === 0 ? 'shipment created' : 'shipment created; parked dispatch events applied',
    });
  }

  private async fold(manager: EntityManager, shipment: ShipmentEntity, trigger: FoldTrigger): Promise<void> {
    const rows = await manager.findBy(DispatchEventEntity, { shipmentId: shipment.id });
    const stored = await manager.findOneBy(ShipmentProjectionEntity, { shipmentId: shipment.id });
    const before = stored === null ? null : (JSON.parse(stored.projection) as ShipmentProjection);
    const after = projectShipment(baseOf(shipment), rows.map(toDispatchEvent));

    await this.recordDecisions(manager, rows, after.decisions, trigger);
    const version = (stored?.version ?? 0) + 1;
    await manager.save(ShipmentProjectionEntity, projectionRow(after, rows.length, version));
    await this.updateStatus(manager, shipment, after, trigger);
    for (const hook of this.hooks) {
      await hook.onProjected(manager, {
        shipmentId: shipment.id,
        before,
        after,
        version,
        eventCount: rows.length,
        correlationId: trigger.correlationId,
      });
    }
  }

  /** Writes each event's decision back to its row; the timeline shows the new event and every changed decision. */
  private async recordDecisions(
    manager: EntityManager,
    rows: readonly DispatchEventEntity[],
    decisions: readonly ProjectionDecision[],
    trigger: FoldTrigger,
  ): Promise<void> {
    const rowsById = new Map(rows.map((row) => [row.eventId, row]));
    for (const decision of decisions) {
      const row = rowsById.get(decision.eventId);
      if (row === undefined) {
        continue;
      }

      const outcome: StoredEventOutcome = decision.outcome === 'rejected' ? 'rejected' : 'applied';
      const changed = row.outcome !== outcome || row.rejectionCode !== (decision.code ?? null);
      const received = row.eventId === trigger.receivedEventId;
      if (!changed && !received) {
        continue;
      }

      await manager.update(
        DispatchEventEntity,
        { eventId: row.eventId },
        { outcome, rejectionCode: decision.code ?? null, decisionReason: decision.reason ?? null },
      );
      await this.timeline.record(manager, {
        shipmentId: row.shipmentId,
        kind: received ? 'dispatch_event.received' : 'dispatch_event.redecided',
        summary: decisionSummary(row, decision, received),
        details: {
          eventId: row.eventId,
          kind: row.kind,
          sequence: row.sequence,
          occurredAt: row.occurredAt.toISOString(),
          decision: { outcome: decision.outcome, code: decision.code, reason: decision.reason, notes: decision.notes },
          ...(received ? {} : { previousOutcome: row.outcome, previousCode: row.rejectionCode }),
        },
        correlationId: row.correlationId,
        source: row.source,
      });
    }
  }

  private async updateStatus(
    manager: EntityManager,
    shipment: ShipmentEntity,
    projection: ShipmentProjection,
    trigger: FoldTrigger,
  ): Promise<void> {
    const from = shipment.status as ShipmentStatus;
    const to = overallStatus(from, projection.status);
    const resumeStatus = to === 'exception_pending' ? projection.resumeStatus : null;
    if (to === from && resumeStatus === shipment.resumeStatus) {
      return;
    }

    if (to === from) {
      await manager.update(ShipmentEntity, { id: shipment.id }, { resumeStatus, updatedAt: new Date() });

      return;
    }

    await this.statusChanges.record(manager, {
      shipmentId: shipment.id,
      from,
      to,
      reason: trigger.reason,
      correlationId: trigger.correlationId,
      resumeStatus,
      details: { dispatchStatus: projection.status, resumeStatus },
    });
  }
}

function baseOf(shipment: ShipmentEntity): ProjectionBase {
  return {
    shipmentId: shipment.id,
    routeMiles: shipment.routeMiles,
    stops: (shipment.stops ?? []).map((stop) => {
      const appointmentAt = stop.appointmentAt.toISOString();

      return { sequence: stop.sequence, type: stop.kind, appointment: { from: appointmentAt, to: appointmentAt } };
    }),
  };
}

function projectionRow(projection: ShipmentProjection, eventCount: number, version: number): ShipmentProjectionEntity {
  const accessorials = Object.values(projection.accessorials);

  return {
    shipmentId: projection.shipmentId,
    dispatchStatus: projection.status,
    resumeStatus: projection.resumeStatus,
    carrierScac: projection.carrier?.scac ?? null,
    carrierName: projection.carrier?.name ?? null,
    routeMiles: projection.routeMiles,
    deliveredAt: projection.deliveredAt === null ? null : new Date(projection.deliveredAt),
    podCapturedAt: projection.proofOfDelivery === null ? null : new Date(projection.proofOfDelivery.capturedAt),
    openExceptionCount: projection.openExceptions.length,
    pendingAccessorialCount: accessorials.filter((accessorial) => accessorial.state === 'pending_approval').length,
    eventCount,
    projection: JSON.stringify(projection),
    version,
    updatedAt: new Date(),
  };
}

function decisionSummary(row: DispatchEventEntity, decision: ProjectionDecision, received: boolean): string {
  const verdict =
    decision.outcome === 'rejected' ? `rejected ${decision.code ?? ''}: ${decision.reason ?? ''}` : decision.outcome;
  const what = `${row.kind} from ${row.source}`;
  if (received) {
    return `${what}: ${verdict}`;
  }

  return row.outcome === 'parked' ? `${what} (parked): ${verdict}` : `${what}: now ${verdict} (was ${row.outcome})`;
}
