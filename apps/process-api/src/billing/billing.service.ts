import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { type Charge, invoiceDocumentOf, type ShipmentStatus, sumChargeCents, type TaxStatus } from '@lanegate/domain';
import {
  type BillingReviewRequestedData,
  createEvent,
  type LayerMessaging,
  layerMessagingToken,
} from '@lanegate/messaging';
import { AuditLog, runInTransaction } from '@lanegate/persistence';
import { currentCorrelation, type Principal, ResourceNotFoundError } from '@lanegate/platform';

import { ShipmentTimeline } from '../projection/index.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';
import type { StoredTaxQuote, StoredTaxRefusal } from './billing-assessment.js';
import type { StoredErpRejection } from './billing-holds.js';
import type {
  BillingReadinessView,
  RatingProblemView,
  BillingReviewAcceptedView,
  InvoiceView,
  RequestBillingReviewDto,
} from './billing.dto.js';
import { InvoiceEntity } from './invoice.entity.js';
import { invoiceOf } from './invoice-plan.js';
import { BillingHoldEntity, ShipmentBillingEntity } from './shipment-billing.entity.js';

/** Reads a shipment's billing, and takes the operator requests that make billing look at it again. */
@Injectable()
export class BillingService {
  private readonly audit: AuditLog;

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  async readiness(shipmentId: string): Promise<BillingReadinessView> {
    const shipment = await this.shipment(shipmentId);
    const [billing, holds] = await Promise.all([
      this.dataSource.manager.findOneBy(ShipmentBillingEntity, { shipmentId }),
      this.dataSource.manager.find(BillingHoldEntity, { where: { shipmentId } }),
    ]);
    const since = new Map(holds.map((hold) => [hold.reason, hold.since.toISOString()]));
    const charges = billing === null ? [] : (JSON.parse(billing.charges) as Charge[]);
    const quote = parsed<StoredTaxQuote>(billing?.taxQuote);
    const refusal = parsed<StoredTaxRefusal>(billing?.taxRefusal);
    const rejection = parsed<StoredErpRejection>(billing?.erpRejection);

    return {
      shipmentId,
      status: shipment.status as ShipmentStatus,
      ready: billing?.ready ?? false,
      holds: (billing === null ? [] : (JSON.parse(billing.holds) as { reason: string; detail: string }[])).map(
        (hold) => ({ ...hold, since: since.get(hold.reason) ?? billing?.assessedAt.toISOString() ?? '' }),
      ) as BillingReadinessView['holds'],
      charges: charges.map((charge) => ({ ...charge, sourceEventIds: [...charge.sourceEventIds] })),
      subtotalCents: sumChargeCents(charges),
      ratingProblems: billing === null ? [] : (JSON.parse(billing.ratingProblems) as RatingProblemView[]),
      tax: {
        status: (billing?.taxStatus ?? 'pending') as TaxStatus,
        quoteId: quote?.quoteId ?? null,
        taxCents: quote?.taxCents ?? null,
        refusal: refusal === null ? null : { code: refusal.code, detail: refusal.detail },
      },
      erpRejection: rejection,
      postingFailure: billing?.postingFailure ?? null,
      assessedAt: billing?.assessedAt.toISOString() ?? null,
    };
  }

  /** The shipment's documents; with `customerId`, only if the shipment is that customer's. */
  async invoices(shipmentId: string, customerId?: string): Promise<InvoiceView[]> {
    await this.shipment(shipmentId, customerId);
    const rows = await this.dataSource.manager.find(InvoiceEntity, {
      where: { shipmentId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });

    return rows.map(toInvoiceView);
  }

  /** Asks billing to assess the shipment again, with fresh master data; audited. */
  async requestReview(
    shipmentId: string,
    request: RequestBillingReviewDto,
    principal: Principal,
  ): Promise<BillingReviewAcceptedView> {
    await this.shipment(shipmentId);

    return this.review(shipmentId, principal, {
      reason: request.reason,
      erpRejectionResolved: request.erpRejectionResolved ?? false,
      action: 'billing.review_requested',
    });
  }

  /** Records the customer's PO number on the shipment and has billing assess it again; audited. */
  async setPurchaseOrder(
    shipmentId: string,
    purchaseOrder: string,
    principal: Principal,
  ): Promise<BillingReviewAcceptedView> {
    const shipment = await this.shipment(shipmentId);

    return this.review(shipmentId, principal, {
      reason: `purchase order ${purchaseOrder} recorded (was ${shipment.purchaseOrder ?? 'none'})`,
      erpRejectionResolved: false,
      action: 'shipment.purchase_order_set',
      within: (manager) =>
        manager.update(ShipmentEntity, { id: shipmentId }, { purchaseOrder, updatedAt: new Date() }).then(() => {}),
    });
  }

  private async review(
    shipmentId: string,
    principal: Principal,
    what: {
      reason: string;
      erpRejectionResolved: boolean;
      action: string;
      within?: (manager: EntityManager) => Promise<void>;
    },
  ): Promise<BillingReviewAcceptedView> {
    const correlationId = currentCorrelation()?.correlationId ?? shipmentId;
    const data: BillingReviewRequestedData = {
      requestedBy: principal.subject,
      reason: what.reason,
      erpRejectionResolved: what.erpRejectionResolved,
    };
    const event = createEvent({
      type: 'lanegate.billing.review_requested.v1',
      subject: shipmentId,
      source: '/lanegate/process-api',
      correlationId,
      data,
    });
    await runInTransaction(this.dataSource, async (manager) => {
      await what.within?.(manager);
      await this.messaging.append(manager, [event]);
      await this.timeline.record(manager, {
        shipmentId,
        kind: 'billing.review_requested',
        summary: `${principal.subject} asked for a billing review: ${what.reason}`,
        details: { ...data, eventId: event.id },
        correlationId,
        source: 'ops',
      });
      await this.audit.record(
        {
          actor: principal.subject,
          action: what.action,
          targetType: 'shipment',
          targetId: shipmentId,
          details: { ...data, eventId: event.id },
        },
        manager,
      );
    });
    this.messaging.published();

    return { shipmentId, eventId: event.id };
  }

  private async shipment(shipmentId: string, customerId?: string): Promise<ShipmentEntity> {
    const shipment = await this.dataSource.manager.findOneBy(ShipmentEntity, {
      id: shipmentId,
      ...(customerId === undefined ? {} : { customerId }),
    });
    if (shipment === null) {
      throw new ResourceNotFoundError('shipment', shipmentId);
    }

    return shipment;
  }
}

export function toInvoiceView(row: InvoiceEntity): InvoiceView {
  const carrier = row.carrierScac === null ? null : { scac: row.carrierScac, name: row.carrierName ?? '' };

  return {
    id: row.id,
    kind: row.kind,
    shipmentId: row.shipmentId,
    version: row.version,
    customerId: row.customerId,
    status: row.status,
    erpDocumentNumber: row.erpDocumentNumber,
    correctsInvoiceId: row.correctsInvoiceId,
    purchaseOrder: row.poNumber,
    carrierScac: row.carrierScac,
    carrierName: row.carrierName,
    lines: invoiceDocumentOf(invoiceOf(row), carrier).lines.map((line) => ({ ...line })),
    subtotalCents: row.subtotalCents,
    taxCents: row.taxCents,
    totalCents: row.totalCents,
    currency: row.currency,
    issuedAt: row.issuedAt.toISOString(),
    postedAt: row.erpPostedAt?.toISOString() ?? null,
    rejection: row.rejectionCode === null ? null : { code: row.rejectionCode, detail: row.rejectionDetail ?? '' },
  };
}

function parsed<T>(json: string | null | undefined): T | null {
  return json === null || json === undefined ? null : (JSON.parse(json) as T);
}
