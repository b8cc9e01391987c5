import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { ExclusiveSchedule } from '@lanegate/persistence';
import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { ReconciliationService } from './reconciliation.service.js';

/**
 * Runs the reconciliation of the last `RECONCILIATION_WINDOW_HOURS` every `RECONCILIATION_INTERVAL_MINUTES`
 * (never with 0). With several replicas on PostgreSQL, the one that takes the advisory lock runs it; the others
 * skip that turn.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconciliationScheduler.name);
  private readonly schedule: ExclusiveSchedule;

  constructor(
    @Inject(ReconciliationService) private readonly reconciliations: ReconciliationService,
    @InjectDataSource('process') dataSource: DataSource,
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
  ) {
    this.schedule = new ExclusiveSchedule({
      dataSource,
      lockKey: 'lanegate:reconciliation:scheduled',
      intervalMs: config.billing.reconciliationIntervalMinutes * 60_000,
      turn: () => this.reconcileWindow(new Date()),
      failed: (error) =>
        this.logger.error({ err: error }, 'scheduled reconciliation failed; the next turn tries again'),
    });
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }

  /** The window up to now, as the scheduled requester. */
  private reconcileWindow(now: Date): Promise<unknown> {
    const from = new Date(now.getTime() - this.config.billing.reconciliationWindowHours * 3_600_000);

    return this.reconciliations.run({ from, to: now }, 'scheduled');
  }
}
