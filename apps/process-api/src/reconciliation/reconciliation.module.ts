import { Module } from '@nestjs/common';

import { SystemApiClientModule } from '../system-api/system-api-client.module.js';
import { ReconciliationScheduler } from './reconciliation.scheduler.js';
import { ReconciliationService } from './reconciliation.service.js';
import { ReconciliationsController } from './reconciliations.controller.js';

/** Reconciliation of delivered shipments, Lanegate's postings and the ERP's own list, on demand and on schedule. */
@Module({
  imports: [SystemApiClientModule],
  controllers: [ReconciliationsController],
  providers: [ReconciliationService, ReconciliationScheduler],
})
export class ReconciliationModule {}
