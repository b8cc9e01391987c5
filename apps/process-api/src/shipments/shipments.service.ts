import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { And, type FindOperator, LessThan, MoreThanOrEqual, type Repository } from 'typeorm';

import { INITIAL_SHIPMENT_STATUS_STATE, type ShipmentStatus } from '@lanegate/domain';
import { createEvent, type LayerMessaging, layerMessagingToken } from '@lanegate/messaging';
import { runInTransaction } from '@lanegate/persistence';
import { currentCorrelation, ResourceNotFoundError } from '@lanegate/platform';

import { ShipmentTimeline } from '../projection/index.js';

import { ShipmentRefusedError } from './shipment-admission.exception.js';
import { ShipmentAdmission, type ShipmentQuote } from './shipment-admission.service.js';
import type { CreateShipmentDto, ListShipmentsQuery, ShipmentPage, ShipmentView } from './shipment.dto.js';
import { ShipmentEntity } from './shipment.entity.js';
import { countShipmentsByStatus } from './shipment-status-counts.js';
import { toShipmentView } from './shipment.mapper.js';

@Injectable()
export class ShipmentsService {
  constructor(
    @InjectRepository(ShipmentEntity, 'process') private readonly shipments: Repository<ShipmentEntity>,
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(ShipmentAdmission) private readonly admission: ShipmentAdmission,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
  ) {}

  /** Checks the order through the system API, then stores the shipment and its `shipment.created` event. */
  async create(request: CreateShipmentDto): Promise<ShipmentView> {
    const first = request.stops[0];
    const last = request.stops[request.stops.length - 1];
    if (first.kind !== 'pickup' || last.kind !== 'delivery') {
      throw new ShipmentRefusedError(
        'route',
        'SHIPMENT_ROUTE_INVALID',
        'The first stop must be a pickup and the last stop a delivery.',
      );
    }
    const quote = await this.admission.admit(request);

    const id = `SHP-${randomUUID()}`;
    const now = new Date();
    const shipment = this.shipments.create({
      id,
      customerId: request.customerId,
      status: INITIAL_SHIPMENT_STATUS_STATE.status,
      resumeStatus: null,
      purchaseOrder: request.purchaseOrder ?? null,
      routeMiles: request.routeMiles ?? null,
      contractId: quote.contractId,
      laneId: quote.laneId,
      currency: quote.currency,
      quotedLinehaulCents: quote.linehaulCents,
      quotedFuelSurchargeCents: quote.fuelSurchargeCents,
      quotedTotalCents: quote.totalCents,
      correlationId: currentCorrelation()?.correlationId ?? id,
      createdAt: now,
      updatedAt: now,
      stops: request.stops.map((stop, index) => ({
        ...stop,
        shipmentId: id,
        sequence: index + 1,
        appointmentAt: new Date(stop.appointmentAt),
      })),
    });
    const created = createEvent({
      type: 'lanegate.shipment.created.v1',
      subject: id,
      source: '/lanegate/process-api',
      correlationId: shipment.correlationId,
      sequence: 1,
      time: now.toISOString(),
      data: {
        shipmentId: id,
        customerId: shipment.customerId,
        purchaseOrder: shipment.purchaseOrder,
        routeMiles: shipment.routeMiles,
        stops: request.stops.map((stop, index) => ({
          sequence: index + 1,
          ...stop,
          appointmentAt: new Date(stop.appointmentAt).toISOString(),
        })),
      },
    });
    await runInTransaction(this.shipments.manager.connection, async (manager) => {
      await manager.save(shipment);
      await this.messaging.append(manager, [created]);
      await this.timeline.record(manager, {
        shipmentId: id,
        kind: 'erp.order_checked',
        summary: admissionSummary(request.customerId, quote),
        details: { ...quote },
        correlationId: shipment.correlationId,
        source: 'erp',
        at: now,
      });
    });
    this.messaging.published();

    return toShipmentView(shipment);
  }

  /** The shipment; with `customerId`, only if it is that customer's (another's answers as if it did not exist). */
  async get(id: string, customerId?: string): Promise<ShipmentView> {
    const shipment = await this.shipments.findOneBy({ id, ...(customerId === undefined ? {} : { customerId }) });
    if (!shipment) {
      throw new ResourceNotFoundError('shipment', id);
    }

    return toShipmentView(shipment);
  }

  async list(query: ListShipmentsQuery): Promise<ShipmentPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const [items, total] = await this.shipments.findAndCount({
      where: {
        ...(query.customerId ? { customerId: query.customerId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...createdWithin(query.createdFrom, query.createdTo),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

    return { items: items.map(toShipmentView), total, page, pageSize };
  }

  countByStatus(): Promise<Record<ShipmentStatus, number>> {
    return countShipmentsByStatus(this.shipments);
  }
}

function createdWithin(from?: string, to?: string): { createdAt?: FindOperator<Date> } {
  const bounds = [
    ...(from === undefined ? [] : [MoreThanOrEqual(new Date(from))]),
    ...(to === undefined ? [] : [LessThan(new Date(to))]),
  ];
  if (bounds.length === 0) {
    return {};
  }

  return { createdAt: bounds.length === 1 ? bounds[0] : And(...bounds) };
}

function admissionSummary(customerId: string, quote: ShipmentQuote): string {
  return (
    `customer ${customerId} active; lane ${quote.laneId} of ${quote.contractId} quoted ${quote.totalCents} cents ` +
    `${quote.currency}; credit approved (${quote.availableCreditCents} cents available)`
  );
}
