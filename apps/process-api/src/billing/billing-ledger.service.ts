import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { type BillingHoldReason, type Charge, type ShipmentStatus, sumChargeCents, transition } from '@lanegate/domain';
import {
  type BillingHoldEnteredData,
  type BillingHoldReleasedData,
  createEvent,
  type InvoiceCreditedData,
  type InvoicePostedData,
  type LanegateEvent,
  type LayerMessaging,
  layerMessagingToken,
} from '@lanegate/messaging';

import { ShipmentStatusChanges, ShipmentTimeline } from '../projection/index.js';
import { lockShipment } from '../shipments/shipment-lock.js';
import type { BillingAssessment, PostingOutcome } from './billing-assessment.js';
import type { BillingHold } from './billing-holds.js';
import { InvoiceEntity } from './invoice.entity.js';
import { invoiceId } from './invoice-plan.js';
import { BillingHoldEntity, ShipmentBillingEntity } from './shipment-billing.entity.js';

/** Statuses billing decides; before delivery the dispatch events decide, and `invoice_posted` is final. */
const BILLING_STATUSES: readonly ShipmentStatus[] = ['delivered', 'billing_hold', 'billing_ready'];

/**
 * Commits a billing assessment inside the consumer's transaction: the assessment and its hold reasons, the
 * invoices' ERP answers, the shipment's status, the events that tell other layers, and the timeline.
 */
@Injectable()
export class BillingLedger {
  constructor(
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(ShipmentTimeline) private readonly timeline: ShipmentTimeline,
    @Inject(ShipmentStatusChanges) private readonly statusChanges: ShipmentStatusChanges,
  ) {}

  async record(manager: EntityManager, assessment: BillingAssessment): Promise<void> {
    const shipment = await lockShipment(manager, assessment.shipmentId);
    if (shipment === null) {
      return;
    }
    const previous = await manager.findOneBy(ShipmentBillingEntity, { shipmentId: assessment.shipmentId });
    const previousHolds = previous === null ? null : (JSON.parse(previous.holds) as BillingHold[]);

    await this.recordCharges(manager, assessment, previous);
    await this.recordTax(manager, assessment);
    await this.recordPostings(manager, assessment);
    await this.recordHolds(manager, assessment, previousHolds);
    await this.saveAssessment(manager, assessment, previous);
    await this.moveStatus(manager, assessment, shipment.status as ShipmentStatus, previousHolds ?? []);
  }

  private async recordCharges(
    manager: EntityManager,
    assessment: BillingAssessment,
    previous: ShipmentBillingEntity | null,
  ): Promise<void> {
    if (assessment.rating === null) {
      return;
    }
    const charges = JSON.stringify(assessment.rating.charges);
    const problems = JSON.stringify(assessment.rating.problems);
    if (previous !== null && previous.charges === charges && previous.ratingProblems === problems) {
      return;
    }

    await this.timeline.record(manager, {
      shipmentId: assessment.shipmentId,
      kind: 'charges.rated',
      summary: chargesSummary(assessment.rating.charges, assessment.rating.problems.length),
      details: { charges: assessment.rating.charges, problems: assessment.rating.problems },
      correlationId: assessment.correlationId,
      source: 'billing',
      at: assessment.assessedAt,
    });
  }

  private async recordTax(manager: EntityManager, assessment: BillingAssessment): Promise<void> {
    if (!assessment.taxQuotedNow) {
      return;
    }
    const { taxQuote, taxRefusal } = assessment;
    await this.timeline.record(manager, {
      shipmentId: assessment.shipmentId,
      kind: taxQuote === null ? 'erp.tax_refused' : 'erp.tax_quoted',
      summary:
        taxQuote === null
          ? `the ERP refused to quote tax: ${taxRefusal?.code ?? ''}`
          : `tax quote ${taxQuote.quoteId}: ${taxQuote.taxCents} cents at ${taxQuote.rateBasisPoints} bp (${taxQuote.taxRegion})`,
      details: { ...(taxQuote ?? taxRefusal ?? {}) },
      correlationId: assessment.correlationId,
      source: 'erp',
      at: assessment.assessedAt,
    });
  }

  private async recordPostings(manager: EntityManager, assessment: BillingAssessment): Promise<void> {
    for (const row of assessment.invoices) {
      await manager.save(InvoiceEntity, row);
    }
    const events: LanegateEvent[] = [];
    for (const outcome of assessment.outcomes) {
      await this.timeline.record(manager, {
        shipmentId: assessment.shipmentId,
        kind: postingKind(outcome),
        summary: postingSummary(outcome),
        details: {
          invoiceId: outcome.row.id,
          kind: outcome.row.kind,
          version: outcome.row.version,
          totalCents: outcome.row.totalCents,
          erpDocumentNumber: outcome.row.erpDocumentNumber,
          correctsInvoiceId: outcome.row.correctsInvoiceId,
          ...(outcome.type === 'rejected' ? { refusal: outcome.refusal } : {}),
        },
        correlationId: assessment.correlationId,
        source: 'erp',
      });
      if (outcome.type !== 'rejected') {
        events.push(this.postedEvent(outcome.row));
      }
    }
    await this.messaging.append(manager, events);
  }

  private postedEvent(row: InvoiceEntity): LanegateEvent {
    const envelope = { subject: row.shipmentId, source: '/lanegate/process-api', correlationId: row.correlationId };
    if (row.kind === 'credit_memo') {
      const data: InvoiceCreditedData = {
        invoiceId: row.correctsInvoiceId ?? '',
        creditMemoId: row.id,
        erpDocumentNumber: row.erpDocumentNumber ?? '',
        totalCents: row.totalCents,
        currency: row.currency,
        // A credit memo is always followed by the rebill of the next version, whose id is known now.
        rebillInvoiceId: invoiceId(row.shipmentId, row.version + 1),
      };

      return createEvent({ ...envelope, type: 'lanegate.invoice.credited.v1', data });
    }

    const data: InvoicePostedData = {
      invoiceId: row.id,
      kind: row.kind,
      shipmentVersion: row.version,
      erpDocumentNumber: row.erpDocumentNumber ?? '',
      totalCents: row.totalCents,
      currency: row.currency,
    };

    return createEvent({ ...envelope, type: 'lanegate.invoice.posted.v1', data });
  }

  /**
   * Keeps one row per current reason, with the time it first held the shipment. The timeline shows the first
   * assessment and every change of the reasons.
   */
  private async recordHolds(
    manager: EntityManager,
    assessment: BillingAssessment,
    previousHolds: readonly BillingHold[] | null,
  ): Promise<void> {
    const since = new Map(
      (await manager.findBy(BillingHoldEntity, { shipmentId: assessment.shipmentId })).map((row) => [
        row.reason,
        row.since,
      ]),
    );
    await manager.delete(BillingHoldEntity, { shipmentId: assessment.shipmentId });
    if (assessment.holds.length > 0) {
      await manager.insert(
        BillingHoldEntity,
        assessment.holds.map((hold) => ({
          shipmentId: assessment.shipmentId,
          reason: hold.reason,
          detail: hold.detail,
          since: since.get(hold.reason) ?? assessment.assessedAt,
        })),
      );
    }
    if (previousHolds === null || reasonsOf(previousHolds).join() !== reasonsOf(assessment.holds).join()) {
      await this.timeline.record(manager, {
        shipmentId: assessment.shipmentId,
        kind: 'billing.assessed',
        summary:
          assessment.holds.length === 0
            ? 'billing ready: nothing holds the invoice'
            : `billing held: ${reasonsOf(assessment.holds).join(', ')}`,
        details: { ready: assessment.readiness.ready, holds: assessment.holds, trigger: assessment.trigger },
        correlationId: assessment.correlationId,
        source: 'billing',
        at: assessment.assessedAt,
      });
    }
  }

  private async saveAssessment(
    manager: EntityManager,
    assessment: BillingAssessment,
    previous: ShipmentBillingEntity | null,
  ): Promise<void> {
    const postedNow = assessment.outcomes.some((outcome) => outcome.type !== 'rejected');
    const postedAgain = assessment.outcomes.some((outcome) => outcome.type === 'posted');
    const ready = assessment.readiness.ready;
    const row: ShipmentBillingEntity = {
      shipmentId: assessment.shipmentId,
      ready,
      holds: JSON.stringify(assessment.holds),
      charges: JSON.stringify(assessment.rating?.charges ?? parsedOr(previous?.charges, [])),
      ratingProblems: JSON.stringify(assessment.rating?.problems ?? parsedOr(previous?.ratingProblems, [])),
      taxStatus: assessment.taxStatus,
      taxQuote: assessment.taxQuote === null ? null : JSON.stringify(assessment.taxQuote),
      taxRefusal: assessment.taxRefusal === null ? null : JSON.stringify(assessment.taxRefusal),
      erpRejection: assessment.erpRejection === null ? null : JSON.stringify(assessment.erpRejection),
      // A posting that went through ends an earlier failure to post.
      postingFailure: postedAgain ? null : (previous?.postingFailure ?? null),
      postingFailedAt: postedAgain ? null : (previous?.postingFailedAt ?? null),
      projectionVersion: assessment.projectionVersion,
      deliveredAt: assessment.projection.deliveredAt === null ? null : new Date(assessment.projection.deliveredAt),
      readyAt: ready ? (previous?.readyAt ?? assessment.assessedAt) : null,
      postedAt: previous?.postedAt ?? (postedNow ? assessment.assessedAt : null),
      assessedAt: assessment.assessedAt,
    };
    await manager.save(ShipmentBillingEntity, row);
  }

  /**
   * Moves a delivered shipment to `billing_hold`, `billing_ready` or `invoice_posted`, through the status machine,
   * and publishes the hold's entry, change or release.
   */
  private async moveStatus(
    manager: EntityManager,
    assessment: BillingAssessment,
    from: ShipmentStatus,
    previousHolds: readonly BillingHold[],
  ): Promise<void> {
    if (!BILLING_STATUSES.includes(from)) {
      return;
    }
    const invoiced = assessment.invoices.some(
      (row) => row.kind !== 'credit_memo' && (row.status === 'posted' || row.status === 'credited'),
    );
    const target: ShipmentStatus = invoiced
      ? 'invoice_posted'
      : assessment.readiness.ready
        ? 'billing_ready'
        : 'billing_hold';
    const reasons = reasonsOf(assessment.holds);
    let status = from;
    for (const to of pathTo(from, target)) {
      if (!transition({ status, resumeStatus: null }, to).ok) {
        break;
      }
      await this.statusChanges.record(manager, {
        shipmentId: assessment.shipmentId,
        from: status,
        to,
        reason: statusReason(to, reasons),
        correlationId: assessment.correlationId,
      });
      if (status === 'billing_hold' && to !== 'billing_hold' && previousHolds.length > 0) {
        await this.publish(manager, assessment, 'lanegate.billing.hold_released.v1', {
          resolvedReasons: reasonsOf(previousHolds),
        } satisfies BillingHoldReleasedData);
      }
      status = to;
    }

    const reasonsChanged = reasonsOf(previousHolds).join() !== reasons.join();
    if (status === 'billing_hold' && reasons.length > 0 && (from !== 'billing_hold' || reasonsChanged)) {
      await this.publish(manager, assessment, 'lanegate.billing.hold_entered.v1', {
        reasons,
      } satisfies BillingHoldEnteredData);
    }
  }

  private async publish(
    manager: EntityManager,
    assessment: BillingAssessment,
    type: 'lanegate.billing.hold_entered.v1' | 'lanegate.billing.hold_released.v1',
    data: BillingHoldEnteredData | BillingHoldReleasedData,
  ): Promise<void> {
    await this.messaging.append(manager, [
      createEvent({
        type,
        subject: assessment.shipmentId,
        source: '/lanegate/process-api',
        correlationId: assessment.correlationId,
        data,
      }),
    ]);
  }
}

/** The statuses between two billing statuses, in order, along the status machine's billing path. */
function pathTo(from: ShipmentStatus, target: ShipmentStatus): ShipmentStatus[] {
  if (from === target) {
    return [];
  }
  if (target === 'invoice_posted') {
    return from === 'billing_ready' ? ['invoice_posted'] : ['billing_ready', 'invoice_posted'];
  }

  return [target];
}

function statusReason(to: ShipmentStatus, reasons: readonly BillingHoldReason[]): string {
  switch (to) {
    case 'billing_hold':
      return `billing held: ${reasons.join(', ')}`;
    case 'billing_ready':
      return 'billing ready: delivered, proof of delivery captured, rated, tax quoted, no hold';
    case 'invoice_posted':
      return 'the ERP posted the invoice';
    case 'created':
    case 'dispatched':
    case 'in_transit':
    case 'delivered':
    case 'exception_pending':
    case 'cancelled':
      return 'billing assessment';
  }
}

function reasonsOf(holds: readonly BillingHold[]): BillingHoldReason[] {
  return holds.map((hold) => hold.reason);
}

function chargesSummary(charges: readonly Charge[], problems: number): string {
  const lines = charges.map((charge) => `${charge.kind} ${charge.amountCents}`).join(', ');
  const total = `${sumChargeCents(charges)} cents`;

  return problems === 0
    ? `charges rated: ${lines || 'none'} = ${total}`
    : `charges rated with ${problems} problem${problems === 1 ? '' : 's'}: ${lines || 'none'} = ${total}`;
}

function postingKind(outcome: PostingOutcome): string {
  if (outcome.type === 'rejected') {
    return 'erp.posting_rejected';
  }

  return outcome.row.kind === 'credit_memo' ? 'erp.credit_memo_posted' : 'erp.invoice_posted';
}

function postingSummary(outcome: PostingOutcome): string {
  const { row } = outcome;
  const what = { invoice: 'invoice', rebill: 'rebill', credit_memo: 'credit memo' }[row.kind];
  if (outcome.type === 'rejected') {
    return `the ERP rejected ${what} ${row.id}: ${outcome.refusal.code}: ${outcome.refusal.detail}`;
  }
  const found = outcome.type === 'found' ? ' (found in the ERP after an unanswered attempt)' : '';

  return `${what} ${row.id} posted as ${row.erpDocumentNumber ?? ''} for ${row.totalCents} cents${found}`;
}

function parsedOr<T>(json: string | undefined, fallback: T): T {
  return json === undefined ? fallback : (JSON.parse(json) as T);
}
