import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';

import type { ShipmentProjection } from '@lanegate/domain';
import { openDeadLetterDepth } from '@lanegate/messaging';
import { rawInstant } from '@lanegate/persistence';

import { InvoiceEntity } from '../billing/invoice.entity.js';
import { readPostingFailures } from '../billing/posting-failures.js';
import { ShipmentBillingEntity } from '../billing/shipment-billing.entity.js';
import { ShipmentProjectionEntity } from '../projection/index.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';
import type { AlertFacts, DeadLetterDepthFact, DeliveredShipmentFact, ShipmentChargesFact } from './alert-policies.js';

/**
 * Reads, from the process layer's own tables, the facts the alert policies judge. Each query narrows to the rows
 * that could matter (delivered and not yet complete, rejected, approved accessorials); the policies decide.
 */
@Injectable()
export class AlertFactsRepository {
  constructor(@InjectDataSource('process') private readonly dataSource: DataSource) {}

  async read(now: Date): Promise<AlertFacts> {
    const [delivered, postingFailures, deadLetters, charges] = await Promise.all([
      this.delivered(),
      readPostingFailures(this.dataSource),
      this.deadLetters(),
      this.charges(),
    ]);
    const correlation = await this.correlationIds([
      ...delivered.map((fact) => fact.shipmentId),
      ...postingFailures.map((fact) => fact.shipmentId),
      ...charges.map((fact) => fact.shipmentId),
    ]);
    const withCorrelation = <T extends { shipmentId: string }>(fact: T): T & { correlationId: string | null } => ({
      ...fact,
      correlationId: correlation.get(fact.shipmentId) ?? null,
    });

    return {
      now,
      delivered: delivered.map(withCorrelation),
      postingFailures: postingFailures.map(withCorrelation),
      deadLetters,
      charges: charges.map(withCorrelation),
    };
  }

  /** Delivered shipments still without proof of delivery or without a posted invoice. */
  private async delivered(): Promise<Omit<DeliveredShipmentFact, 'correlationId'>[]> {
    const rows = await this.dataSource
      .getRepository(ShipmentProjectionEntity)
      .createQueryBuilder('projection')
      .leftJoin(ShipmentBillingEntity, 'billing', 'billing.shipment_id = projection.shipment_id')
      .select('projection.shipment_id', 'shipmentId')
      .addSelect('projection.delivered_at', 'deliveredAt')
      .addSelect('projection.pod_captured_at', 'podCapturedAt')
      .addSelect('billing.posted_at', 'postedAt')
      .where('projection.delivered_at IS NOT NULL')
      .andWhere('(projection.pod_captured_at IS NULL OR billing.posted_at IS NULL)')
      .getRawMany<{ shipmentId: string; deliveredAt: unknown; podCapturedAt: unknown; postedAt: unknown }>();

    return rows.map((row) => ({
      shipmentId: row.shipmentId,
      deliveredAt: rawInstant(row.deliveredAt) ?? new Date(0),
      podCapturedAt: rawInstant(row.podCapturedAt),
      invoicePostedAt: rawInstant(row.postedAt),
    }));
  }

  private async deadLetters(): Promise<DeadLetterDepthFact> {
    const depth = await openDeadLetterDepth(this.dataSource);
    const oldest = depth.map((row) => row.oldestFailedAt).sort((a, b) => a.getTime() - b.getTime())[0];

    return {
      open: depth.reduce((sum, row) => sum + row.open, 0),
      oldestFailedAt: oldest ?? null,
      byConsumer: Object.fromEntries(depth.map((row) => [row.consumer, row.open])),
    };
  }

  /** Standing invoices of shipments that have more than one, and the approved accessorials of every shipment. */
  private async charges(): Promise<Omit<ShipmentChargesFact, 'correlationId'>[]> {
    const manager = this.dataSource.manager;
    const standingWhere = { kind: In(['invoice', 'rebill']), status: 'posted' as const };
    const [twiceInvoiced, projections] = await Promise.all([
      manager
        .getRepository(InvoiceEntity)
        .createQueryBuilder('invoice')
        .select('invoice.shipment_id', 'shipmentId')
        .where(standingWhere)
        .groupBy('invoice.shipment_id')
        .having('COUNT(*) > 1')
        .getRawMany<{ shipmentId: string }>(),
      manager
        .getRepository(ShipmentProjectionEntity)
        .createQueryBuilder('projection')
        .select(['projection.shipmentId', 'projection.projection'])
        .where('projection.projection LIKE :approved', { approved: '%"state":"approved"%' })
        .getMany(),
    ]);
    const standing =
      twiceInvoiced.length === 0
        ? []
        : await manager.find(InvoiceEntity, {
            where: { ...standingWhere, shipmentId: In(twiceInvoiced.map((row) => row.shipmentId)) },
            order: { id: 'ASC' },
          });
    const facts = new Map<string, Omit<ShipmentChargesFact, 'correlationId'>>();
    const factOf = (shipmentId: string): Omit<ShipmentChargesFact, 'correlationId'> =>
      facts.get(shipmentId) ?? { shipmentId, standingInvoices: [], approvedAccessorials: [] };
    for (const row of standing) {
      const fact = factOf(row.shipmentId);
      facts.set(row.shipmentId, {
        ...fact,
        standingInvoices: [
          ...fact.standingInvoices,
          { invoiceId: row.id, erpDocumentNumber: row.erpDocumentNumber, totalCents: row.totalCents },
        ],
      });
    }
    for (const row of projections) {
      const projection = JSON.parse(row.projection) as ShipmentProjection;
      facts.set(row.shipmentId, {
        ...factOf(row.shipmentId),
        approvedAccessorials: Object.values(projection.accessorials)
          .filter((accessorial) => accessorial.state === 'approved')
          .map((accessorial) => ({
            accessorialId: accessorial.accessorialId,
            kind: accessorial.kind,
            amountCents: accessorial.amountCents,
            currency: accessorial.currency,
            description: accessorial.description,
            receiptUrl: accessorial.receiptUrl,
          })),
      });
    }

    return [...facts.values()];
  }

  private async correlationIds(shipmentIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(shipmentIds)];
    if (unique.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource.manager.find(ShipmentEntity, {
      where: { id: In(unique) },
      select: { id: true, correlationId: true },
    });

    return new Map(rows.map((row) => [row.id, row.correlationId]));
  }
}
