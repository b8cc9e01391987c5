import { Module, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { AlertEvaluator } from './alert-evaluator.service.js';
import { AlertFactsRepository } from './alert-facts.repository.js';
import { AlertScheduler } from './alert.scheduler.js';
import { AlertWebhook } from './alert-webhook.service.js';
import { forgetAlerts, watchAlerts } from './alert.metrics.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';

/**
 * Alerts over the process layer's own data: policies judged on a schedule and on demand, listed in the ops API and
 * told to a webhook receiver, signed.
 */
@Module({
  controllers: [AlertsController],
  providers: [AlertFactsRepository, AlertWebhook, AlertEvaluator, AlertScheduler, AlertsService],
})
export class AlertsModule implements OnModuleDestroy {
  constructor(@InjectDataSource('process') private readonly dataSource: DataSource) {
    watchAlerts(dataSource);
  }

  onModuleDestroy(): void {
    forgetAlerts(this.dataSource);
  }
}
