import { Inject, Injectable, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource, In, IsNull, MoreThanOrEqual, Not } from 'typeorm';

import { BILLING_HOLD_REASONS, type BillingHoldReason, type ShipmentStatus } from '@lanegate/domain';
import { InboxEventEntity, openDeadLetterDepth } from '@lanegate/messaging';
import { rawInstant } from '@lanegate/persistence';
import { type LatencySummary, summarizeLatency } from '@lanegate/platform';

import { readPostingFailures, type RejectedDocument } from '../billing/posting-failures.js';
import { BillingHoldEntity, ShipmentBillingEntity } from '../billing/shipment-billing.entity.js';
import { ShipmentProjectionEntity } from '../projection/index.js';
import { countShipmentsByStatus } from '../shipments/shipment-status-counts.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';
import { SystemApiClient } from '../system-api/system-api.client.js';

/** How many shipments each list of the overview names, oldest or latest first. */
const LISTED = 10;
/** The most event handlings the lag figures read. */
const LAG_SAMPLES = 5_000;
/** Points of the SLA series over the window. */
const SLA_BUCKETS = 24;
const FINISHED: ShipmentStatus[] = ['invoice_posted', 'cancelled'];

export interface WaitingShipment {
  shipmentId: string;
  customerId: string;
  status: string;
  correlationId: string;
  deliveredAt: string;
  waitingSeconds: number;
}

export interface PostingFailure {
  shipmentId: string;
  customerId: string;
  invoiceId: string | null;
  code: string;
  detail: string;
  failedAt: string;
}

export interface DurationFigures {
  /** Shipments the figures rest on. */
  shipments: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
}

export interface SlaPoint {
  /** Start of the bucket (UTC); shipments posted in `[from, from + bucketSeconds)`. */
  from: string;
  deliveryToReady: DurationFigures;
  deliveryToPosted: DurationFigures;
}

export interface OperationsOverview {
  generatedAt: string;
  window: { from: string; to: string; hours: number };
  shipmentsByStatus: Record<ShipmentStatus, number>;
  awaitingInvoice: { count: number; oldestWaitingSeconds: number | null; oldest: WaitingShipment[] };
  deliveredWithoutPod: { count: number; oldestWaitingSeconds: number | null; oldest: WaitingShipment[] };
  holdsByReason: Record<BillingHoldReason, number>;
  postingFailures: { count: number; latest: PostingFailure[] };
  deadLetters: { open: number; oldestAgeSeconds: number | null };
  integrationLatency: {
    /** From publication by the outbox relay to the consumer's handling, over the window. */
    eventLag: LatencySummary;
    /** ERP calls as the system layer measured them in its last 15 minutes; null when it cannot be asked. */
    erpCalls: (LatencySummary & { windowSeconds: number }) | null;
  };
  sla: {
    bucketSeconds: number;
    deliveryToReady: DurationFigures;
    deliveryToPosted: DurationFigures;
    series: SlaPoint[];
  };
}

const seconds = (fromMs: number, toMs: number): number => Math.max(0, Math.round((toMs - fromMs) / 1000));

/** Median and 95th percentile of durations in seconds: the latency figures' nearest rank, on seconds. */
function durationFigures(durationsSeconds: number[]): DurationFigures {
  const { samples, p50Ms, p95Ms } = summarizeLatency(durationsSeconds);

  return { shipments: samples, p50Seconds: p50Ms, p95Seconds: p95Ms };
}

/**
 * The numbers operations and finance staff watch, read from the process layer's own records in one pass: where
 * shipments stand, what waits for an invoice and why, what failed, how late events and ERP calls are, and how long
 * delivery takes to become an invoice.
 */
@Injectable()
export class OperationsOverviewService {
  private readonly logger = new Logger(OperationsOverviewService.name);

  constructor(
    @Inject(getDataSourceToken('process')) private readonly dataSource: DataSource,
    @Inject(SystemApiClient) private readonly systemApi: SystemApiClient,
  ) {}

  async overview(windowHours: number, now = new Date()): Promise<OperationsOverview> {
    const from = new Date(now.getTime() - windowHours * 3_600_000);
    const [shipmentsByStatus, awaitingInvoice, deliveredWithoutPod, holdsByReason, postingFailures, deadLetters] =
      await Promise.all([
        this.statusCounts(),
        this.waiting(now, { podMissing: false }),
        this.waiting(now, { podMissing: true }),
        this.holdCounts(),
        this.postingFailures(),
        this.deadLetters(now),
      ]);
    const [eventLag, erpCalls, sla] = await Promise.all([this.eventLag(from), this.erpCalls(), this.sla(from, now)]);

    return {
      generatedAt: now.toISOString(),
      window: { from: from.toISOString(), to: now.toISOString(), hours: windowHours },
      shipmentsByStatus,
      awaitingInvoice,
      deliveredWithoutPod,
      holdsByReason,
      postingFailures,
      deadLetters,
      integrationLatency: { eventLag, erpCalls },
      sla,
    };
  }

  private statusCounts(): Promise<Record<ShipmentStatus, number>> {
    return countShipmentsByStatus(this.dataSource.getRepository(ShipmentEntity));
  }

  /**
   * Delivered shipments that are not invoiced yet (or, with `podMissing`, delivered without a proof of delivery),
   * counted, with the ones waiting longest.
   */
  private async waiting(
    now: Date,
    { podMissing }: { podMissing: boolean },
  ): Promise<{ count: number; oldestWaitingSeconds: number | null; oldest: WaitingShipment[] }> {
    const query = this.dataSource
      .getRepository(ShipmentProjectionEntity)
      .createQueryBuilder('projection')
      .innerJoin(ShipmentEntity, 'shipment', 'shipment.id = projection.shipment_id')
      .where('projection.delivered_at IS NOT NULL');
    if (podMissing) {
      query.andWhere('projection.pod_captured_at IS NULL').andWhere('shipment.status != :cancelled', {
        cancelled: 'cancelled',
      });
    } else {
      query.andWhere('shipment.status NOT IN (:...finished)', { finished: FINISHED });
    }
    const count = await query.getCount();
    const rows = await query
      .select('projection.shipment_id', 'shipmentId')
      .addSelect('projection.delivered_at', 'deliveredAt')
      .addSelect('shipment.customer_id', 'customerId')
      .addSelect('shipment.status', 'status')
      .addSelect('shipment.correlation_id', 'correlationId')
      .orderBy('projection.delivered_at', 'ASC')
      .addOrderBy('projection.shipment_id', 'ASC')
      .limit(LISTED)
      .getRawMany<{
        shipmentId: string;
        deliveredAt: unknown;
        customerId: string;
        status: string;
        correlationId: string;
      }>();
    const oldest = rows.map((row) => {
      const deliveredAt = rawInstant(row.deliveredAt) ?? new Date(0);

      return {
        shipmentId: row.shipmentId,
        customerId: row.customerId,
        status: row.status,
        correlationId: row.correlationId,
        deliveredAt: deliveredAt.toISOString(),
        waitingSeconds: seconds(deliveredAt.getTime(), now.getTime()),
      };
    });

    return { count, oldestWaitingSeconds: oldest[0]?.waitingSeconds ?? null, oldest };
  }

  private async holdCounts(): Promise<Record<BillingHoldReason, number>> {
    const rows = await this.dataSource
      .getRepository(BillingHoldEntity)
      .createQueryBuilder('hold')
      .select('hold.reason', 'reason')
      .addSelect('COUNT(*)', 'count')
      .groupBy('hold.reason')
      .getRawMany<{ reason: BillingHoldReason; count: string | number }>();
    const counts = Object.fromEntries(BILLING_HOLD_REASONS.map((reason) => [reason, 0])) as Record<
      BillingHoldReason,
      number
    >;
    for (const row of rows) {
      counts[row.reason] = Number(row.count);
    }

    return counts;
  }

  /**
   * Shipments not in the ledger by the rule the `posting_failed` alert judges, latest failure first: a shipment's
   * latest rejected document, or billing giving up after its retries.
   */
  private async postingFailures(): Promise<{ count: number; latest: PostingFailure[] }> {
    const failures = (await readPostingFailures(this.dataSource)).map((failure): Omit<PostingFailure, 'customerId'> => {
      const rejection = failure.rejected.reduce<RejectedDocument | undefined>(
        (latest, document) => (latest === undefined || document.rejectedAt > latest.rejectedAt ? document : latest),
        undefined,
      );
      if (rejection !== undefined) {
        return {
          shipmentId: failure.shipmentId,
          invoiceId: rejection.invoiceId,
          code: rejection.code,
          detail: rejection.detail,
          failedAt: rejection.rejectedAt.toISOString(),
        };
      }

      return {
        shipmentId: failure.shipmentId,
        invoiceId: null,
        code: 'POSTING_GAVE_UP',
        detail: failure.gaveUp?.reason ?? '',
        failedAt: (failure.gaveUp?.at ?? new Date(0)).toISOString(),
      };
    });
    const customers = await this.customersOf(failures.map((failure) => failure.shipmentId));
    const latest = failures
      .sort((a, b) => b.failedAt.localeCompare(a.failedAt) || a.shipmentId.localeCompare(b.shipmentId))
      .slice(0, LISTED)
      .map((failure) => ({ ...failure, customerId: customers.get(failure.shipmentId) ?? '' }));

    return { count: failures.length, latest };
  }

  private async deadLetters(now: Date): Promise<{ open: number; oldestAgeSeconds: number | null }> {
    const depth = await openDeadLetterDepth(this.dataSource);
    const oldest = Math.min(...depth.map((row) => row.oldestFailedAt.getTime()));

    return {
      open: depth.reduce((sum, row) => sum + row.open, 0),
      oldestAgeSeconds: depth.length === 0 ? null : seconds(oldest, now.getTime()),
    };
  }

  /** Time from the bus taking each event, this layer's or another's, to its handling by each of its consumers. */
  private async eventLag(from: Date): Promise<LatencySummary> {
    const rows = await this.dataSource
      .getRepository(InboxEventEntity)
      .createQueryBuilder('inbox')
      .select('inbox.handled_at', 'handledAt')
      .addSelect('inbox.published_at', 'publishedAt')
      .where('inbox.handled_at >= :from', { from })
      .andWhere('inbox.published_at IS NOT NULL')
      .orderBy('inbox.handled_at', 'DESC')
      .limit(LAG_SAMPLES)
      .getRawMany<{ handledAt: unknown; publishedAt: unknown }>();

    return summarizeLatency(
      rows.map((row) =>
        Math.max(0, (rawInstant(row.handledAt)?.getTime() ?? 0) - (rawInstant(row.publishedAt)?.getTime() ?? 0)),
      ),
    );
  }

  private async erpCalls(): Promise<(LatencySummary & { windowSeconds: number }) | null> {
    try {
      const { samples, p50Ms, p95Ms, windowSeconds } = await this.systemApi.erpCallLatency();

      return { samples, p50Ms, p95Ms, windowSeconds };
    } catch (error) {
      this.logger.warn({ err: error }, 'the system layer did not give its ERP call latency; the overview goes without');

      return null;
    }
  }

  /** Delivery to billing-ready and to posted, for the shipments first posted in the window, overall and per bucket. */
  private async sla(from: Date, now: Date): Promise<OperationsOverview['sla']> {
    const posted = await this.dataSource.getRepository(ShipmentBillingEntity).find({
      select: { shipmentId: true, deliveredAt: true, readyAt: true, postedAt: true },
      where: { postedAt: MoreThanOrEqual(from), deliveredAt: Not(IsNull()) },
    });
    const bucketMs = Math.max(1, Math.ceil((now.getTime() - from.getTime()) / SLA_BUCKETS));
    const figures = (rows: ShipmentBillingEntity[]): Omit<SlaPoint, 'from'> => ({
      deliveryToReady: durationFigures(
        rows
          .filter((row) => row.readyAt !== null)
          .map((row) => seconds(row.deliveredAt!.getTime(), Math.min(row.readyAt!.getTime(), row.postedAt!.getTime()))),
      ),
      deliveryToPosted: durationFigures(
        rows.map((row) => seconds(row.deliveredAt!.getTime(), row.postedAt!.getTime())),
      ),
    });
    const series = Array.from({ length: SLA_BUCKETS }, (_, index) => {
      const start = from.getTime() + index * bucketMs;
      const inBucket = posted.filter(
        (row) => row.postedAt!.getTime() >= start && row.postedAt!.getTime() < start + bucketMs,
      );

      return { from: new Date(start).toISOString(), ...figures(inBucket) };
    });

    return { bucketSeconds: bucketMs / 1000, ...figures(posted), series };
  }

  private async customersOf(shipmentIds: string[]): Promise<Map<string, string>> {
    if (shipmentIds.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource
      .getRepository(ShipmentEntity)
      .find({ select: { id: true, customerId: true }, where: { id: In(shipmentIds) } });

    return new Map(rows.map((row) => [row.id, row.customerId]));
  }
}
