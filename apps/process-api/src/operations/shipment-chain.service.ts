import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { ResourceNotFoundError } from '@lanegate/platform';

import { InvoiceEntity } from '../billing/invoice.entity.js';
import { ShipmentBillingEntity } from '../billing/shipment-billing.entity.js';
import { ShipmentProjectionEntity, ShipmentTimelineEntryEntity } from '../projection/index.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';

export const CHAIN_STAGES = ['order', 'dispatch', 'delivery', 'invoice', 'erp_posting'] as const;
export type ChainStage = (typeof CHAIN_STAGES)[number];
export type ChainStageState = 'done' | 'waiting' | 'failed';

/** The most shipments one correlation id brings up, and the most timeline entries shown per shipment. */
const MAX_SHIPMENTS = 10;
const MAX_ENTRIES = 300;

export interface ChainStageStep {
  stage: ChainStage;
  state: ChainStageState;
  /** When the stage was reached; null while it waits. */
  at: string | null;
  summary: string;
}

export interface ChainEntry {
  at: string;
  stage: ChainStage;
  kind: string;
  summary: string;
  correlationId: string | null;
  source: string | null;
}

export interface ShipmentChain {
  shipmentId: string;
  customerId: string;
  correlationId: string;
  status: string;
  stages: ChainStageStep[];
  entries: ChainEntry[];
}

/** Which stage of the chain a timeline entry belongs to. */
export function stageOfEntry(kind: string, details: Record<string, unknown>): ChainStage {
  if (kind === 'erp.order_checked' || kind === 'shipment.created') {
    return 'order';
  }
  if (kind.startsWith('erp.') && kind !== 'erp.tax_quoted' && kind !== 'erp.tax_refused') {
    return 'erp_posting';
  }
  if (kind.startsWith('billing.') || kind.startsWith('charges.') || kind.startsWith('erp.tax')) {
    return 'invoice';
  }
  if (kind === 'status.changed') {
    const to = typeof details.to === 'string' ? details.to : '';
    if (to === 'invoice_posted') {
      return 'erp_posting';
    }
    if (to === 'billing_hold' || to === 'billing_ready') {
      return 'invoice';
    }

    return to === 'delivered' ? 'delivery' : 'dispatch';
  }
  const dispatchKind = typeof details.kind === 'string' ? details.kind : '';

  return dispatchKind === 'delivered' || dispatchKind === 'pod_captured' ? 'delivery' : 'dispatch';
}

/**
 * A shipment's chain from order to ERP posting, for operators who hold a shipment id or only a correlation id: where
 * each stage stands, and every timeline entry under its stage.
 */
@Injectable()
export class ShipmentChains {
  constructor(@Inject(getDataSourceToken('process')) private readonly dataSource: DataSource) {}

  /** The chains of the shipment with id `reference`, or of every shipment ordered under correlation id `reference`. */
  async find(reference: string): Promise<ShipmentChain[]> {
    const shipments = await this.dataSource.getRepository(ShipmentEntity).find({
      where: [{ id: reference }, { correlationId: reference }],
      order: { createdAt: 'ASC', id: 'ASC' },
      take: MAX_SHIPMENTS,
    });
    if (shipments.length === 0) {
      throw new ResourceNotFoundError('shipment or correlation id', reference);
    }

    return Promise.all(shipments.map((shipment) => this.chainOf(shipment)));
  }

  private async chainOf(shipment: ShipmentEntity): Promise<ShipmentChain> {
    const [projection, billing, invoices, timeline] = await Promise.all([
      this.dataSource.getRepository(ShipmentProjectionEntity).findOneBy({ shipmentId: shipment.id }),
      this.dataSource.getRepository(ShipmentBillingEntity).findOneBy({ shipmentId: shipment.id }),
      this.dataSource
        .getRepository(InvoiceEntity)
        .find({ where: { shipmentId: shipment.id }, order: { version: 'ASC', issuedAt: 'ASC' } }),
      this.dataSource
        .getRepository(ShipmentTimelineEntryEntity)
        .find({ where: { shipmentId: shipment.id }, order: { position: 'ASC' }, take: MAX_ENTRIES }),
    ]);
    const entries = timeline.map((row) => ({
      at: row.at.toISOString(),
      stage: stageOfEntry(row.kind, JSON.parse(row.details) as Record<string, unknown>),
      kind: row.kind,
      summary: row.summary,
      correlationId: row.correlationId,
      source: row.source,
    }));
    const firstAt = (stage: ChainStage): string | null => entries.find((entry) => entry.stage === stage)?.at ?? null;

    return {
      shipmentId: shipment.id,
      customerId: shipment.customerId,
      correlationId: shipment.correlationId,
      status: shipment.status,
      stages: [
        {
          stage: 'order',
          state: 'done',
          at: shipment.createdAt.toISOString(),
          summary: `ordered by ${shipment.customerId}${shipment.purchaseOrder ? ` on ${shipment.purchaseOrder}` : ''}`,
        },
        dispatchStage(projection, firstAt('dispatch')),
        deliveryStage(projection),
        invoiceStage(billing, shipment.status),
        postingStage(billing, invoices),
      ],
      entries,
    };
  }
}

function dispatchStage(projection: ShipmentProjectionEntity | null, at: string | null): ChainStageStep {
  if (projection === null || projection.eventCount === 0) {
    return { stage: 'dispatch', state: 'waiting', at: null, summary: 'no dispatch event yet' };
  }
  const carrier = projection.carrierScac
    ? `${projection.carrierName ?? projection.carrierScac} (${projection.carrierScac})`
    : 'no carrier';

  return {
    stage: 'dispatch',
    state: 'done',
    at,
    summary: `${carrier}, ${projection.routeMiles ?? '?'} miles, ${projection.eventCount} dispatch events`,
  };
}

function deliveryStage(projection: ShipmentProjectionEntity | null): ChainStageStep {
  if (!projection?.deliveredAt) {
    return { stage: 'delivery', state: 'waiting', at: null, summary: 'not delivered yet' };
  }
  const pod = projection.podCapturedAt
    ? `proof of delivery captured ${projection.podCapturedAt.toISOString()}`
    : 'awaiting proof of delivery';

  return { stage: 'delivery', state: 'done', at: projection.deliveredAt.toISOString(), summary: `delivered; ${pod}` };
}

function invoiceStage(billing: ShipmentBillingEntity | null, status: string): ChainStageStep {
  if (billing === null) {
    return { stage: 'invoice', state: 'waiting', at: null, summary: 'not assessed for billing yet' };
  }
  if (billing.ready || status === 'invoice_posted') {
    return {
      stage: 'invoice',
      state: 'done',
      at: (billing.readyAt ?? billing.postedAt ?? billing.assessedAt).toISOString(),
      summary: 'billing ready',
    };
  }
  const reasons = (JSON.parse(billing.holds) as { reason: string }[]).map((hold) => hold.reason);

  return { stage: 'invoice', state: 'waiting', at: null, summary: `held: ${reasons.join(', ') || 'assessing'}` };
}

function postingStage(billing: ShipmentBillingEntity | null, invoices: InvoiceEntity[]): ChainStageStep {
  const posted = invoices.filter((invoice) => invoice.erpDocumentNumber !== null);
  const rejected = invoices.filter((invoice) => invoice.status === 'rejected');
  if (billing?.postingFailure) {
    return { stage: 'erp_posting', state: 'failed', at: null, summary: `posting gave up: ${billing.postingFailure}` };
  }
  if (posted.length === 0 && rejected.length > 0) {
    const last = rejected[rejected.length - 1];

    return {
      stage: 'erp_posting',
      state: 'failed',
      at: null,
      summary: `${last.id} refused by the ERP: ${last.rejectionCode ?? 'unknown'} ${last.rejectionDetail ?? ''}`.trim(),
    };
  }
  if (posted.length === 0) {
    return { stage: 'erp_posting', state: 'waiting', at: null, summary: 'nothing posted yet' };
  }

  return {
    stage: 'erp_posting',
    state: 'done',
    at: (posted[0].erpPostedAt ?? posted[0].issuedAt).toISOString(),
    summary: posted.map((invoice) => `${invoice.id} as ERP ${invoice.erpDocumentNumber}`).join('; '),
  };
}
