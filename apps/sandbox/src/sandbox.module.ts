import { Module } from '@nestjs/common';

import type { LayerDocumentSpec } from '@lanegate/platform';

import { ErpOAuthService } from './erp/erp-oauth.service.js';
import { ErpController } from './erp/erp.controller.js';
import { ErpTokenGuard } from './erp/erp-token.guard.js';

/**
 * Stand-ins for the outside world (a cloud ERP, a dispatch platform) for the demo, tests and benchmarks. Gateway
 * code never imports it: the layers reach it over HTTP only.
 */
@Module({
  controllers: [ErpController],
  providers: [ErpOAuthService, ErpTokenGuard],
})
export class SandboxModule {}

export const SANDBOX_DOCUMENT: LayerDocumentSpec = {
  layer: 'sandbox',
  title: 'Lanegate sandbox',
  description: 'Simulated cloud ERP and dispatch platform. Not part of the published contracts.',
  version: 1,
  module: SandboxModule,
};
