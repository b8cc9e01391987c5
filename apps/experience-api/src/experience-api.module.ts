import { Module } from '@nestjs/common';

import type { LayerDocumentSpec } from '@lanegate/platform';

import { DashboardController } from './dashboard/dashboard.controller.js';
import { DevSignInController } from './dashboard/dev-sign-in.controller.js';
import { OpsAlertsController } from './ops/ops-alerts.controller.js';
import { OpsController } from './ops/ops.controller.js';
import { NmftaPortal } from './portal/nmfta/nmfta-portal.service.js';
import { PortalNmftaController } from './portal/nmfta/portal-nmfta.controller.js';
import { PortalInvoicesController } from './portal/portal-invoices.controller.js';
import { PortalReads } from './portal/portal-reads.service.js';
import { PortalController } from './portal/portal.controller.js';
import { processApiClientProvider } from './process-api.client.js';

/**
 * The experience layer: portal and operations views shaped for their screens, behind `/experience/v1`, and the
 * operations dashboard page at `/ops`. It owns no business data: everything comes from the process layer over HTTP.
 */
@Module({
  controllers: [
    OpsController,
    OpsAlertsController,
    PortalController,
    PortalInvoicesController,
    PortalNmftaController,
    DashboardController,
    DevSignInController,
  ],
  providers: [processApiClientProvider, PortalReads, NmftaPortal],
})
export class ExperienceApiModule {}

export const EXPERIENCE_API_DOCUMENT: LayerDocumentSpec = {
  layer: 'experience',
  title: 'Lanegate experience API',
  description: 'Customer portal views (portal scope, one customer per token) and the operations overview (ops scope).',
  version: 1,
  module: ExperienceApiModule,
};
