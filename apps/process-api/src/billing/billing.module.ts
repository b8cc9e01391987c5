import { Module, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { MessagingModule } from '@lanegate/messaging';

import { ProjectionModule } from '../projection/index.js';
import { SystemApiClientModule } from '../system-api/system-api-client.module.js';
import { AssessBillingOnChangeHandler } from './assess-billing-on-change.handler.js';
import { BillingAssessor } from './billing-assessor.service.js';
import { BillingLedger } from './billing-ledger.service.js';
import { BillingController } from './billing.controller.js';
import { forgetBillingHolds, watchBillingHolds } from './billing.metrics.js';
import { BillingService } from './billing.service.js';
import { InvoiceQueries } from './invoice-queries.service.js';
import { InvoicesController } from './invoices.controller.js';
import { ShipmentPostings } from './shipment-postings.service.js';

/**
 * Billing: rates each shipment from its dispatch state and the ERP's master data, decides billing readiness, and
 * posts invoices, credit memos and rebills to the ERP through the system API.
 */
@Module({
  imports: [MessagingModule.forLayer('process'), ProjectionModule, SystemApiClientModule],
  controllers: [BillingController, InvoicesController],
  providers: [
    BillingService,
    InvoiceQueries,
    BillingAssessor,
    BillingLedger,
    ShipmentPostings,
    AssessBillingOnChangeHandler,
  ],
})
export class BillingModule implements OnModuleDestroy {
  constructor(@InjectDataSource('process') private readonly dataSource: DataSource) {
    watchBillingHolds(dataSource);
  }

  onModuleDestroy(): void {
    forgetBillingHolds(this.dataSource);
  }
}
