import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, register } from 'prom-client';
import { Between, type DataSource, In, IsNull, Not } from 'typeorm';

import { runInTransaction } from '@lanegate/persistence';
import {
  LANEGATE_CONFIG,
  type LanegateConfig,
  RequestValidationError,
  ResourceNotFoundError,
} from '@lanegate/platform';

import { InvoiceEntity } from '../billing/invoice.entity.js';
import { ShipmentBillingEntity } from '../billing/shipment-billing.entity.js';
import { SystemApiClient } from '../system-api/system-api.client.js';
import type { ErpDocument } from '../system-api/system-api.types.js';
import { compareBooks, DISCREPANCY_KINDS, type Discrepancy } from './books-comparison.js';
import type { ReconciliationView } from './reconciliation.dto.js';
import { ReconciliationEntity } from './reconciliation.entity.js';

const ERP_PAGE_SIZE = 200;
/** A range longer than this is more than one ERP listing should be asked for at once. */
const MAX_RANGE_DAYS = 93;

/**
 * Compares, over a range, the shipments delivered, the documents Lanegate posted and the ERP's own list of what it
 * posted, and keeps the report. The ERP is read through the system API at reconciliation priority, behind postings
 * and lookups for the quota.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(SystemApiClient) private readonly system: SystemApiClient,
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
  ) {
    registerDiscrepancyGauge();
  }

  async run(range: { from: Date; to: Date }, requestedBy: string): Promise<ReconciliationView> {
    assertRange(range);
    const startedAt = new Date();
    let discrepancies: Discrepancy[] = [];
    let counts = { deliveredShipments: 0, lanegatePostings: 0, erpDocuments: 0 };
    let error: string | null = null;
    try {
      ({ discrepancies, counts } = await this.compare(range, startedAt));
    } catch (failure) {
      error = failure instanceof Error ? failure.message.slice(0, 500) : String(failure);
      this.logger.error({ err: failure, ...range }, 'reconciliation failed: the ERP could not be read');
    }

    const row: ReconciliationEntity = {
      id: `REC-${randomUUID()}`,
      rangeFrom: range.from,
      rangeTo: range.to,
      requestedBy,
      status: error === null ? 'completed' : 'failed',
      counts: JSON.stringify(counts),
      discrepancies: JSON.stringify(discrepancies),
      error,
      startedAt,
      finishedAt: new Date(),
    };
    await runInTransaction(this.dataSource, (manager) => manager.insert(ReconciliationEntity, row));
    if (error === null) {
      latestDiscrepancies = discrepancies;
      this.logger.log(
        { reconciliationId: row.id, discrepancies: discrepancies.length, ...counts },
        `reconciliation of ${range.from.toISOString()} to ${range.to.toISOString()} found ` +
          `${discrepancies.length} discrepanc${discrepancies.length === 1 ? 'y' : 'ies'}`,
      );
    }

    return toView(row);
  }

  async get(id: string): Promise<ReconciliationView> {
    const row = await this.dataSource.manager.findOneBy(ReconciliationEntity, { id });
    if (row === null) {
      throw new ResourceNotFoundError('reconciliation', id);
    }

    return toView(row);
  }

  async list(page: number, pageSize: number): Promise<{ items: ReconciliationView[]; total: number }> {
    const [rows, total] = await this.dataSource.manager.findAndCount(ReconciliationEntity, {
      order: { startedAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

    return { items: rows.map(toView), total };
  }

  private async compare(
    range: { from: Date; to: Date },
    now: Date,
  ): Promise<{ discrepancies: Discrepancy[]; counts: ReconciliationView['counts'] }> {
    const manager = this.dataSource.manager;
    const erp = await this.erpDocuments(range);
    const [posted, delivered, known] = await Promise.all([
      manager.find(InvoiceEntity, {
        where: { erpPostedAt: Between(range.from, new Date(range.to.getTime() - 1)), erpDocumentNumber: Not(IsNull()) },
      }),
      manager.find(ShipmentBillingEntity, {
        where: { deliveredAt: Between(range.from, new Date(range.to.getTime() - 1)) },
      }),
      erp.length === 0
        ? Promise.resolve([])
        : manager.find(InvoiceEntity, { where: { id: In(erp.map((document) => document.externalReference)) } }),
    ]);
    const invoiced = new Set(
      (
        await manager.find(InvoiceEntity, {
          where: { shipmentId: In(delivered.map((row) => row.shipmentId)), status: In(['posted', 'credited']) },
        })
      ).map((row) => row.shipmentId),
    );
    const discrepancies = compareBooks({
      lanegate: posted.map((row) => ({
        id: row.id,
        shipmentId: row.shipmentId,
        erpDocumentNumber: row.erpDocumentNumber ?? '',
        totalCents: row.totalCents,
      })),
      erp,
      knownReferences: new Map(known.map((row) => [row.id, row.shipmentId])),
      delivered: delivered.map((row) => ({
        shipmentId: row.shipmentId,
        deliveredAt: row.deliveredAt ?? range.from,
        invoiced: invoiced.has(row.shipmentId),
      })),
      now,
      uninvoicedAfterHours: this.config.billing.uninvoicedAfterHours,
    });

    return {
      discrepancies,
      counts: { deliveredShipments: delivered.length, lanegatePostings: posted.length, erpDocuments: erp.length },
    };
  }

  /** Every document the ERP posted in the range, page by page. */
  private async erpDocuments(range: { from: Date; to: Date }): Promise<ErpDocument[]> {
    const documents: ErpDocument[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await this.system.documentsPosted({
        postedFrom: range.from.toISOString(),
        postedTo: range.to.toISOString(),
        page,
        pageSize: ERP_PAGE_SIZE,
      });
      documents.push(...answer.items);
      if (answer.items.length < ERP_PAGE_SIZE || documents.length >= answer.total) {
        return documents;
      }
    }
  }
}

let latestDiscrepancies: readonly Discrepancy[] = [];

/** `lanegate_reconciliation_discrepancies{kind}`: what the last completed reconciliation of this process found. */
function registerDiscrepancyGauge(): void {
  if (register.getSingleMetric('lanegate_reconciliation_discrepancies')) {
    return;
  }
  new Gauge({
    name: 'lanegate_reconciliation_discrepancies',
    help: 'Discrepancies the last completed reconciliation found, per kind.',
    labelNames: ['kind'],
    collect() {
      for (const kind of DISCREPANCY_KINDS) {
        this.set({ kind }, latestDiscrepancies.filter((discrepancy) => discrepancy.kind === kind).length);
      }
    },
  });
}

function assertRange(range: { from: Date; to: Date }): void {
  if (range.to.getTime() <= range.from.getTime()) {
    throw new RequestValidationError([{ field: 'to', messages: ['to must be after from'] }]);
  }
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new RequestValidationError([
      { field: 'to', messages: [`the range may span ${MAX_RANGE_DAYS} days at most`] },
    ]);
  }
}

function toView(row: ReconciliationEntity): ReconciliationView {
  return {
    id: row.id,
    from: row.rangeFrom.toISOString(),
    to: row.rangeTo.toISOString(),
    requestedBy: row.requestedBy,
    status: row.status,
    counts: JSON.parse(row.counts) as ReconciliationView['counts'],
    discrepancies: JSON.parse(row.discrepancies) as ReconciliationView['discrepancies'],
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
  };
}
