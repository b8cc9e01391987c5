import { Gauge, register } from 'prom-client';
import type { DataSource } from 'typeorm';

import { ALERT_POLICIES, AlertEntity, AlertNotificationEntity } from './alert.entity.js';

const alertSources = new Set<DataSource>();

/**
 * `lanegate_alerts_open{policy}` and `lanegate_alert_notifications_pending`, read from the database at scrape time,
 * so every replica reports the same truth.
 */
export function watchAlerts(dataSource: DataSource): void {
  alertSources.add(dataSource);
  if (register.getSingleMetric('lanegate_alerts_open')) {
    return;
  }
  const pending = new Gauge({
    name: 'lanegate_alert_notifications_pending',
    help: 'Alert webhook notifications the receiver has not acknowledged yet.',
  });
  new Gauge({
    name: 'lanegate_alerts_open',
    help: 'Open alerts, per policy.',
    labelNames: ['policy'],
    async collect() {
      const counts = new Map<string, number>(ALERT_POLICIES.map((policy) => [policy, 0]));
      let waiting = 0;
      for (const source of alertSources) {
        if (!source.isInitialized) {
          continue;
        }
        const rows = await source
          .getRepository(AlertEntity)
          .createQueryBuilder('alert')
          .select('alert.policy', 'policy')
          .addSelect('COUNT(*)', 'count')
          .where('alert.status = :status', { status: 'open' })
          .groupBy('alert.policy')
          .getRawMany<{ policy: string; count: string | number }>();
        for (const row of rows) {
          counts.set(row.policy, (counts.get(row.policy) ?? 0) + Number(row.count));
        }
        waiting += await source.getRepository(AlertNotificationEntity).countBy({ status: 'pending' });
      }
      for (const [policy, count] of counts) {
        this.set({ policy }, count);
      }
      pending.set(waiting);
    },
  });
}

export function forgetAlerts(dataSource: DataSource): void {
  alertSources.delete(dataSource);
}
