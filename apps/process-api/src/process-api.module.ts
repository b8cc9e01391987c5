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

import { CreateShipments1764790100000 } from './migrations/1764790100000-create-shipments.js';
import { CreateDispatchProjection1764790160000 } from './migrations/1764790160000-create-dispatch-projection.js';
import { CreateBilling1764790500000 } from './migrations/1764790500000-create-billing.js';
import { CreateReconciliations1764790600000 } from './migrations/1764790600000-create-reconciliations.js';
import { CreateAlerts1764790700000 } from './migrations/1764790700000-create-alerts.js';
import { IndexPostingFailures1764790800000 } from './migrations/1764790800000-index-posting-failures.js';
import { AlertEntity, AlertNotificationEntity } from './alerts/alert.entity.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { ReconciliationEntity } from './reconciliation/reconciliation.entity.js';
import { ReconciliationModule } from './reconciliation/reconciliation.module.js';
import { BillingModule } from './billing/billing.module.js';
import { InvoiceEntity } from './billing/invoice.entity.js';
import { BillingHoldEntity, ShipmentBillingEntity } from './billing/shipment-billing.entity.js';
import {
  DispatchEventEntity,
  ProjectionModule,
  ShipmentProjectionEntity,
  ShipmentTimelineEntryEntity,
} from './projection/index.js';
import { ShipmentStopEntity } from './shipments/shipment-stop.entity.js';
import { ShipmentEntity } from './shipments/shipment.entity.js';
import { DispatchModule } from './dispatch/dispatch.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { ShipmentsModule } from './shipments/shipments.module.js';

/** The process layer: shipments and the workflow from order to ERP posting, behind `/process/v1`. */
@Module({
  imports: [
    PersistenceModule.forLayer({
      layer: 'process',
      entities: [
        ShipmentEntity,
        ShipmentStopEntity,
        OutboxEventEntity,
        InboxEventEntity,
        DeadLetterEntity,
        DispatchEventEntity,
        ShipmentProjectionEntity,
        ShipmentTimelineEntryEntity,
        ShipmentBillingEntity,
        BillingHoldEntity,
        InvoiceEntity,
        ReconciliationEntity,
        AlertEntity,
        AlertNotificationEntity,
      ],
      migrations: [
        ...MESSAGING_MIGRATIONS,
        CreateShipments1764790100000,
        CreateDispatchProjection1764790160000,
        CreateBilling1764790500000,
        CreateReconciliations1764790600000,
        CreateAlerts1764790700000,
        IndexPostingFailures1764790800000,
      ],
    }),
    MessagingModule.forLayer('process'),
    ShipmentsModule,
    ProjectionModule,
    DispatchModule,
    OperationsModule,
    BillingModule,
    ReconciliationModule,
    AlertsModule,
  ],
})
export class ProcessApiModule {}

export const PROCESS_API_DOCUMENT: LayerDocumentSpec = {
  layer: 'process',
  title: 'Lanegate process API',
  description:
    'Shipments, dispatch events, charges, billing readiness and invoice posting. Dispatch vendors that speak the ' +
    'canonical model and the experience layer call this API.',
  version: 1,
  module: ProcessApiModule,
};
