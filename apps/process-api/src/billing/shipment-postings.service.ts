import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import {
  buildInvoice,
  type Carrier,
  type Invoice,
  invoiceDocumentOf,
  type ShipmentProjection,
  type ShipmentRating,
} from '@lanegate/domain';
import { runInTransaction } from '@lanegate/persistence';
import { ApplicationError } from '@lanegate/platform';

import type { ShipmentEntity } from '../shipments/shipment.entity.js';
import { SystemApiClient } from '../system-api/system-api.client.js';
import type { DocumentLine, PostedDocument } from '../system-api/system-api.types.js';
import type { PostingOutcome, StoredTaxQuote } from './billing-assessment.js';
import type { ErpRefusal } from './billing-holds.js';
import { billingMetrics } from './billing.metrics.js';
import { InvoiceEntity } from './invoice.entity.js';
import { nextPostingStep, type PostingStep, sameContent } from './invoice-plan.js';

/** A credit memo, a rebill and a check that nothing else is due are the most one assessment needs. */
const MAX_STEPS = 4;

export interface PostingResult {
  readonly invoices: InvoiceEntity[];
  readonly outcomes: PostingOutcome[];
}

/**
 * Brings the ERP in line with a billing-ready shipment: posts its invoice, or the credit memo and rebill that
 * correct one already posted. Each document is written as `posting` before it is sent, with the content and
 * invoice date every repeat will send again, so a crash or an unanswered call never leads to a second ERP
 * document: the id is the ERP's idempotency key, and a posting whose content changed since an unanswered attempt
 * is first looked up in the ERP.
 */
@Injectable()
export class ShipmentPostings {
  private readonly logger = new Logger(ShipmentPostings.name);

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(SystemApiClient) private readonly system: SystemApiClient,
  ) {}

  invoicesOf(shipmentId: string): Promise<InvoiceEntity[]> {
    return this.dataSource.manager.find(InvoiceEntity, { where: { shipmentId }, order: { createdAt: 'ASC' } });
  }

  async bring(input: {
    shipment: ShipmentEntity;
    projection: ShipmentProjection;
    rating: ShipmentRating;
    taxQuote: StoredTaxQuote;
    correlationId: string;
  }): Promise<PostingResult> {
    const { shipment, projection, rating, taxQuote, correlationId } = input;
    const invoices = await this.invoicesOf(shipment.id);
    const outcomes: PostingOutcome[] = [];
    const rated = {
      shipmentId: shipment.id,
      customerId: shipment.customerId,
      poNumber: shipment.purchaseOrder,
      currency: rating.charges[0].currency,
      charges: rating.charges,
      taxCents: taxQuote.taxCents,
    };
    // The domain's own checks of the draft (currency, tax) before anything reaches the ERP.
    const draft = buildInvoice({
      invoiceId: 'draft',
      shipmentId: shipment.id,
      shipmentVersion: 1,
      customerId: shipment.customerId,
      poNumber: shipment.purchaseOrder ?? undefined,
      currency: rated.currency,
      charges: rating.charges,
      taxQuote,
      carrier: projection.carrier,
    });
    if (!draft.ok) {
      throw new ApplicationError({ code: draft.code, status: 422, title: 'Invoice not built', detail: draft.message });
    }

    for (let step = 0; step < MAX_STEPS; step += 1) {
      const next = nextPostingStep(invoices, rated);
      if (next.action === 'none') {
        break;
      }
      const outcome = await this.take(next, { invoices, carrier: projection.carrier, taxQuote, correlationId });
      outcomes.push(outcome);
      if (outcome.type === 'rejected') {
        break;
      }
    }

    return { invoices, outcomes };
  }

  private async take(
    step: Exclude<PostingStep, { action: 'none' }>,
    context: { invoices: InvoiceEntity[]; carrier: Carrier | null; taxQuote: StoredTaxQuote; correlationId: string },
  ): Promise<PostingOutcome> {
    const document = step.action === 'post_invoice' ? step.invoice : step.creditMemo;
    const existing = context.invoices.find((row) => row.id === document.id);
    if (existing?.status === 'posting' && !sameContent(existing, document)) {
      const held = await this.system.findDocument(existing.id);
      if (held !== undefined) {
        // An earlier, unanswered attempt reached the ERP with the content stored then: that is what was billed.
        this.markPosted(existing, held, step, context.invoices);
        this.logger.warn(
          { shipmentId: existing.shipmentId, invoiceId: existing.id, erpDocumentNumber: held.documentNumber },
          'an unanswered posting had reached the ERP before the charges changed; it is corrected next',
        );

        return { type: 'found', row: existing };
      }
    }

    const row = await this.writeIntent(document, existing, context);
    try {
      const posted =
        step.action === 'post_invoice'
          ? await this.system.postInvoice({
              invoiceId: row.id,
              customerId: row.customerId,
              currency: row.currency,
              issuedAt: row.issuedAt.toISOString(),
              ...(row.poNumber === null ? {} : { purchaseOrder: row.poNumber }),
              lines: documentLines(document, context.carrier),
              taxCents: row.taxCents,
              totalCents: row.totalCents,
              ...(context.carrier === null ? {} : { carrier: { ...context.carrier } }),
            })
          : await this.system.postCreditMemo({
              creditMemoId: row.id,
              invoiceDocumentNumber: step.credits.erpDocumentNumber ?? '',
              reason: `Credited in full; rebilled as the next version of shipment ${row.shipmentId}.`,
              lines: documentLines(document, null),
              taxCents: row.taxCents,
              totalCents: row.totalCents,
            });
      this.markPosted(row, posted, step, context.invoices);
      billingMetrics().postings.inc({ kind: row.kind, outcome: 'posted' });

      return { type: 'posted', row };
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === null) {
        throw error;
      }
      billingMetrics().postings.inc({ kind: row.kind, outcome: 'rejected' });
      Object.assign(row, {
        status: 'rejected',
        rejectionCode: refusal.code,
        rejectionDetail: refusal.detail.slice(0, 500),
        updatedAt: new Date(),
      });
      this.logger.warn(
        { shipmentId: row.shipmentId, invoiceId: row.id, code: refusal.code },
        `the ERP rejected ${row.id}: ${refusal.detail}; the shipment is held until the cause is fixed`,
      );

      return { type: 'rejected', row, refusal };
    }
  }

  /** Stores the document as `posting`, in a transaction of its own, before it is sent; returns the live row. */
  private async writeIntent(
    document: Invoice,
    existing: InvoiceEntity | undefined,
    context: { invoices: InvoiceEntity[]; carrier: Carrier | null; taxQuote: StoredTaxQuote; correlationId: string },
  ): Promise<InvoiceEntity> {
    const now = new Date();
    const row: InvoiceEntity = {
      id: document.id,
      kind: document.kind,
      shipmentId: document.shipmentId,
      version: document.shipmentVersion,
      customerId: document.customerId,
      correctsInvoiceId: document.correctsInvoiceId,
      poNumber: document.poNumber,
      currency: document.currency,
      lines: JSON.stringify(document.lines),
      subtotalCents: document.subtotalCents,
      taxCents: document.taxCents,
      totalCents: document.totalCents,
      taxQuoteId: document.kind === 'credit_memo' ? null : context.taxQuote.quoteId,
      carrierScac: context.carrier?.scac ?? null,
      carrierName: context.carrier?.name ?? null,
      status: 'posting',
      erpDocumentNumber: null,
      erpPostedAt: null,
      rejectionCode: null,
      rejectionDetail: null,
      // A repeat sends the invoice date of the first attempt, so the ERP sees the same posting.
      issuedAt: existing?.issuedAt ?? now,
      correlationId: existing?.correlationId ?? context.correlationId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await runInTransaction(this.dataSource, (manager) => manager.save(InvoiceEntity, row));
    const index = context.invoices.findIndex((candidate) => candidate.id === row.id);
    if (index === -1) {
      context.invoices.push(row);
    } else {
      context.invoices[index] = row;
    }

    return row;
  }

  private markPosted(
    row: InvoiceEntity,
    posted: Pick<PostedDocument, 'documentNumber' | 'postedAt'>,
    step: Exclude<PostingStep, { action: 'none' }>,
    invoices: InvoiceEntity[],
  ): void {
    Object.assign(row, {
      status: 'posted',
      erpDocumentNumber: posted.documentNumber,
      erpPostedAt: new Date(posted.postedAt),
      rejectionCode: null,
      rejectionDetail: null,
      updatedAt: new Date(),
    });
    if (step.action === 'post_credit_memo') {
      const credited = invoices.find((candidate) => candidate.id === step.credits.id);
      if (credited !== undefined) {
        Object.assign(credited, { status: 'credited', updatedAt: new Date() });
      }
    }
  }
}

function documentLines(invoice: Invoice, carrier: Carrier | null): DocumentLine[] {
  return invoiceDocumentOf(invoice, carrier).lines.map((line) => ({ ...line }));
}

/** A refusal on purpose (a 4xx) is the ERP's answer; anything else may succeed later. */
function refusalOf(error: unknown): ErpRefusal | null {
  return error instanceof ApplicationError && error.status >= 400 && error.status < 500
    ? { code: error.code, detail: error.message }
    : null;
}
