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

/** What operators use when events go wrong: dead letters, the event history and consumer re-drives. */
@Module({
  imports: [MessagingModule.forLayer('process')],
  controllers: [DeadLettersController, EventHistoryController],
  providers: [
    OperationsAudit,
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
