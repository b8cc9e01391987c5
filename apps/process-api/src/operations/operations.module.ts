import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import {
  DeadLetters,
  EventHistory,
  type LayerMessaging,
  layerMessagingToken,
  MessagingModule,
} from '@lanegate/messaging';

import { DeadLettersController } from './dead-letters.controller.js';
import { EventHistoryController } from './event-history.controller.js';
import { OperationsAudit } from './operations-audit.js';
import { OperationsOverviewController } from './operations-overview.controller.js';
import { OperationsOverviewService } from './operations-overview.service.js';
import { ShipmentChains } from './shipment-chain.service.js';
import { SystemApiClientModule } from '../system-api/system-api-client.module.js';

/**
 * What operators use: the overview of where shipments and billing stand, each shipment's chain from order to
 * posting, and, when events go wrong, dead letters, the event history and consumer re-drives.
 */
@Module({
  imports: [MessagingModule.forLayer('process'), SystemApiClientModule],
  controllers: [DeadLettersController, EventHistoryController, OperationsOverviewController],
  providers: [
    OperationsAudit,
    OperationsOverviewService,
    ShipmentChains,
    {
      provide: DeadLetters,
      inject: [getDataSourceToken('process'), layerMessagingToken('process'), OperationsAudit],
      useFactory: (dataSource: DataSource, messaging: LayerMessaging, audit: OperationsAudit) =>
        new DeadLetters(
          dataSource,
          (name) => messaging.consumerNamed(name),
          (entry, manager) => audit.record(entry, manager),
        ),
    },
    {
      provide: EventHistory,
      inject: [getDataSourceToken('process')],
      useFactory: (dataSource: DataSource) => new EventHistory(dataSource),
    },
  ],
})
export class OperationsModule {}
