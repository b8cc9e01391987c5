import { Module } from '@nestjs/common';

import {
  DeadLetterEntity,
  InboxEventEntity,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  OutboxEventEntity,
} from '@lanegate/messaging';
import { PersistenceModule } from '@lanegate/persistence';
import type { LayerDocumentSpec } from '@lanegate/platform';

import { ErpModule } from './erp/erp.module.js';
import { CreateRawVendorMessages1764791000000 } from './tms/migrations/1764791000000-create-raw-vendor-messages.js';
import { RawVendorMessageEntity } from './tms/raw-vendor-message.entity.js';
import { TmsModule } from './tms/tms.module.js';

/** The system layer: adapters to the ERP and the dispatch platforms, behind `/system/v1`. */
@Module({
  imports: [
    PersistenceModule.forLayer({
      layer: 'system',
      entities: [RawVendorMessageEntity, OutboxEventEntity, InboxEventEntity, DeadLetterEntity],
      migrations: [...MESSAGING_MIGRATIONS, CreateRawVendorMessages1764791000000],
    }),
    MessagingModule.forLayer('system'),
    ErpModule,
    TmsModule,
  ],
})
export class SystemApiModule {}

export const SYSTEM_API_DOCUMENT: LayerDocumentSpec = {
  layer: 'system',
  title: 'Lanegate system API',
  description:
    'Adapters that wrap the cloud ERP and the dispatch platforms, translate vendor formats into canonical events ' +
    "and protect the ERP's quota.",
  version: 1,
  module: SystemApiModule,
};
