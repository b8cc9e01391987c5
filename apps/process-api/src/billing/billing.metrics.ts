import { Counter, Gauge, register } from 'prom-client';
import type { DataSource } from 'typeorm';

import { BILLING_HOLD_REASONS } from '@lanegate/domain';

import { BillingHoldEntity } from './shipment-billing.entity.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';

const holdSources = new Set<DataSource>();

function counter<T extends string>(name: string, help: string, labelNames: T[]): Counter<T> {
  return (register.getSingleMetric(name) as Counter<T> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Billing counters of this process, created once however many process layers it hosts. */
export function billingMetrics(): {
  postings: Counter<'kind' | 'outcome'>;
  failures: Counter<'reason'>;
} {
  return {
    postings: counter('lanegate_invoice_postings_total', 'ERP postings by document kind and outcome.', [
      'kind',
      'outcome',
    ]),
    failures: counter(
      'lanegate_billing_failures_total',
      'Billing assessments that failed on every attempt and became dead letters, by reason.',
      ['reason'],
    ),
  };
}

/**
 * `lanegate_billing_holds{reason}`: shipments in `billing_hold` per hold reason, read from the database at scrape
 * time, so every replica reports the same truth and a restart loses nothing.
 */
export function watchBillingHolds(dataSource: DataSource): void {
  holdSources.add(dataSource);
  if (register.getSingleMetric('lanegate_billing_holds')) {
    return;
  }
  new Gauge({
    name: 'lanegate_billing_holds',
    help: 'Shipments held in billing_hold, per hold reason.',
    labelNames: ['reason'],
    async collect() {
      this.reset();
      const counts = new Map<string, number>(BILLING_HOLD_REASONS.map((reason) => [reason, 0]));
      for (const source of holdSources) {
        if (!source.isInitialized) {
          continue;
        }
        const rows = await source
          .getRepository(BillingHoldEntity)
          .createQueryBuilder('hold')
          .innerJoin(ShipmentEntity, 'shipment', 'shipment.id = hold.shipment_id')
          .select('hold.reason', 'reason')
          .addSelect('COUNT(*)', 'count')
          .where('shipment.status = :status', { status: 'billing_hold' })
          .groupBy('hold.reason')
          .getRawMany<{ reason: string; count: string | number }>();
        for (const row of rows) {
          counts.set(row.reason, (counts.get(row.reason) ?? 0) + Number(row.count));
        }
      }
      for (const [reason, count] of counts) {
        this.set({ reason }, count);
      }
    },
  });
}

export function forgetBillingHolds(dataSource: DataSource): void {
  holdSources.delete(dataSource);
}
