import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { ReconciliationService } from './reconciliation.service.js';

/** Advisory lock key that lets one process-api replica at a time run the scheduled reconciliation. */
const SCHEDULE_LOCK = 'lanegate:reconciliation:scheduled';

/**
 * Runs the reconciliation of the last `RECONCILIATION_WINDOW_HOURS` every `RECONCILIATION_INTERVAL_MINUTES`
 * (never with 0). With several replicas on PostgreSQL, the one that takes the advisory lock runs it; the others
 * skip that turn.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconciliationScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(ReconciliationService) private readonly reconciliations: ReconciliationService,
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.billing.reconciliationIntervalMinutes;
    if (minutes === 0) {
      return;
    }
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => {
        this.running = undefined;
      });
    }, minutes * 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One scheduled turn: the window up to now, if this replica holds the lock. */
  async runOnce(now = new Date()): Promise<void> {
    const from = new Date(now.getTime() - this.config.billing.reconciliationWindowHours * 3_600_000);
    const run = (): Promise<unknown> => this.reconciliations.run({ from, to: now }, 'scheduled');
    try {
      if (this.dataSource.options.type !== 'postgres') {
        await run();

        return;
      }
      await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
          [SCHEDULE_LOCK],
        );
        if (locked) {
          await run();
        }
      });
    } catch (error) {
      this.logger.error({ err: error }, 'scheduled reconciliation failed; the next turn tries again');
    }
  }
}
