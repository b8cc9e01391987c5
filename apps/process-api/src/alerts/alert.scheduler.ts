import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { ExclusiveSchedule } from '@lanegate/persistence';
import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { AlertEvaluator } from './alert-evaluator.service.js';

/**
 * Evaluates the alert policies every `ALERT_EVALUATION_INTERVAL_SECONDS` (never with 0). With several replicas on
 * PostgreSQL, the one that takes the advisory lock evaluates; the others skip that turn.
 */
@Injectable()
export class AlertScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertScheduler.name);
  private readonly schedule: ExclusiveSchedule;

  constructor(
    @Inject(AlertEvaluator) evaluator: AlertEvaluator,
    @InjectDataSource('process') dataSource: DataSource,
    @Inject(LANEGATE_CONFIG) config: LanegateConfig,
  ) {
    this.schedule = new ExclusiveSchedule({
      dataSource,
      lockKey: 'lanegate:alerts:scheduled',
      intervalMs: config.alerts.evaluationIntervalSeconds * 1_000,
      turn: () => evaluator.evaluate(),
      failed: (error) =>
        this.logger.error({ err: error }, 'scheduled alert evaluation failed; the next turn tries again'),
    });
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.schedule.stop();
  }
}
