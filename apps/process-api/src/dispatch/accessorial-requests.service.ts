import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

import type { DispatchEventKind, ProjectedAccessorial } from '@lanegate/domain';
import { AuditLog } from '@lanegate/persistence';
import { currentCorrelation, type Principal, ResourceNotFoundError } from '@lanegate/platform';

import { ShipmentProjections, ShipmentTimeline } from '../projection/index.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';
import type {
  AccessorialEventAcceptedView,
  ApproveAccessorialDto,
  RejectAccessorialDto,
  SubmitAccessorialDto,
} from './accessorial.dto.js';
import { AccessorialConflictError } from './accessorial.exception.js';
import type { DispatchEventDto } from './dispatch-event.dto.js';
import { DispatchEventsService } from './dispatch-events.service.js';

type AccessorialEventKind = Extract<DispatchEventKind, `accessorial_${string}`>;

const TIMELINE_KINDS: Record<AccessorialEventKind, string> = {
  accessorial_submitted: 'accessorial.submission_requested',
  accessorial_approved: 'accessorial.approval_requested',
  accessorial_rejected: 'accessorial.rejection_requested',
};

/**
 * Accessorial requests and decisions made in Lanegate. Each becomes a canonical dispatch event that takes the same
 * path as a vendor's (outbox, bus, projection), so the projection stays the only place where accessorials change.
 * The checks here read the stored projection; a decision that races another is refused by the projection itself
 * and shows as rejected on the timeline.
 */
@Injectable()
export class AccessorialRequestsService {
  private readonly audit: AuditLog;

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(DispatchEventsService) private readonly dispatchEvents: DispatchEventsService,
    @Inject(ShipmentProjections) private readonly projections: ShipmentProjections,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  async submit(
    shipmentId: string,
    request: SubmitAccessorialDto,
    principal: Principal,
  ): Promise<AccessorialEventAcceptedView> {
    const accessorials = await this.accessorialsOf(shipmentId);
    const accessorialId = request.accessorialId ?? `ACC-${randomUUID()}`;
    if (accessorials[accessorialId] !== undefined) {
      throw new AccessorialConflictError(
        'ACCESSORIAL_ALREADY_SUBMITTED',
        `Accessorial ${accessorialId} of shipment ${shipmentId} was already submitted.`,
      );
    }

    const { kind, amountCents, currency, description, receiptUrl } = request;
    const source = principal.scopes.includes('ops') ? 'ops' : principal.subject.slice(0, 80);

    return this.send(shipmentId, 'accessorial_submitted', source, principal, {
      data: {
        accessorialId,
        kind,
        amountCents,
        currency,
        ...(description === undefined ? {} : { description }),
        ...(receiptUrl === undefined ? {} : { receiptUrl }),
      },
      summary: `${principal.subject} submitted ${kind} ${accessorialId} for ${amountCents} ${currency} cents`,
      details: {},
    });
  }

  async approve(
    shipmentId: string,
    accessorialId: string,
    request: ApproveAccessorialDto,
    principal: Principal,
  ): Promise<AccessorialEventAcceptedView> {
    const accessorial = await this.pending(shipmentId, accessorialId);
    if (request.currency !== accessorial.currency) {
      throw new AccessorialConflictError(
        'ACCESSORIAL_CURRENCY_MISMATCH',
        `Accessorial ${accessorialId} was submitted in ${accessorial.currency}, not ${request.currency}.`,
      );
    }

    return this.send(shipmentId, 'accessorial_approved', 'ops', principal, {
      data: { accessorialId, kind: accessorial.kind, amountCents: request.amountCents, currency: request.currency },
      summary:
        `${principal.subject} approved ${accessorial.kind} ${accessorialId} for ${request.amountCents} ` +
        `${request.currency} cents (submitted ${accessorial.submittedAmountCents})`,
      details: { note: request.note ?? null, submittedAmountCents: accessorial.submittedAmountCents },
    });
  }

  async reject(
    shipmentId: string,
    accessorialId: string,
    request: RejectAccessorialDto,
    principal: Principal,
  ): Promise<AccessorialEventAcceptedView> {
    const accessorial = await this.pending(shipmentId, accessorialId);

    return this.send(shipmentId, 'accessorial_rejected', 'ops', principal, {
      data: {
        accessorialId,
        kind: accessorial.kind,
        amountCents: accessorial.submittedAmountCents,
        currency: accessorial.currency,
        reason: request.reason,
      },
      summary: `${principal.subject} rejected ${accessorial.kind} ${accessorialId}: ${request.reason}`,
      details: {},
    });
  }

  private async pending(shipmentId: string, accessorialId: string): Promise<ProjectedAccessorial> {
    const accessorial = (await this.accessorialsOf(shipmentId))[accessorialId];
    if (accessorial === undefined) {
      throw new ResourceNotFoundError('accessorial', accessorialId);
    }
    if (accessorial.state !== 'pending_approval') {
      const how = accessorial.decisionEventId === null ? 'approved on submission' : accessorial.state;
      throw new AccessorialConflictError(
        'ACCESSORIAL_ALREADY_DECIDED',
        `Accessorial ${accessorialId} of shipment ${shipmentId} is already decided: ${how}.`,
      );
    }

    return accessorial;
  }

  private async accessorialsOf(shipmentId: string): Promise<Readonly<Record<string, ProjectedAccessorial>>> {
    if (!(await this.dataSource.getRepository(ShipmentEntity).existsBy({ id: shipmentId }))) {
      throw new ResourceNotFoundError('shipment', shipmentId);
    }

    return (await this.projections.find(shipmentId))?.projection.accessorials ?? {};
  }

  /** Sends the event through the dispatch intake; the operator's action is audited and timed in the same commit. */
  private async send(
    shipmentId: string,
    kind: AccessorialEventKind,
    source: string,
    principal: Principal,
    what: { data: Record<string, unknown>; summary: string; details: Record<string, unknown> },
  ): Promise<AccessorialEventAcceptedView> {
    const accessorialId = what.data.accessorialId as string;
    const event: DispatchEventDto = {
      eventId: `${source === 'ops' ? 'ops' : 'lanegate'}-${randomUUID()}`,
      shipmentId,
      kind,
      occurredAt: new Date().toISOString(),
      source,
      data: what.data,
    };
    const record = async (manager: EntityManager): Promise<void> => {
      const details = { ...what.details, eventId: event.eventId, accessorialId, requestedBy: principal.subject };
      await this.timeline.record(manager, {
        shipmentId,
        kind: TIMELINE_KINDS[kind],
        summary: what.summary,
        details,
        correlationId: currentCorrelation()?.correlationId ?? null,
        source,
      });
      await this.audit.record(
        {
          actor: principal.subject,
          action: kind.replace('_', '.'),
          targetType: 'shipment',
          targetId: shipmentId,
          details,
        },
        manager,
      );
    };
    await this.dispatchEvents.accept([event], { within: record });

    return { eventId: event.eventId, shipmentId, accessorialId, kind };
  }
}
