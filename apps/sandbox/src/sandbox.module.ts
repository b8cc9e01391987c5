import { Module } from '@nestjs/common';

import type { LayerDocumentSpec } from '@lanegate/platform';

import { DispatchModule } from './dispatch/dispatch.module.js';
import { ErpModule } from './erp/erp.module.js';

/**
 * Stand-ins for the outside world (a cloud ERP, a dispatch platform) for the demo, tests and benchmarks. Gateway
 * code never imports it: the layers reach it over HTTP only.
 */
@Module({
  imports: [ErpModule, DispatchModule],
})
export class SandboxModule {}

export const SANDBOX_DOCUMENT: LayerDocumentSpec = {
  layer: 'sandbox',
  title: 'Lanegate sandbox',
  description: 'Simulated cloud ERP and dispatch platform. Not part of the published contracts.',
  version: 1,
  module: SandboxModule,
};
