import { Module } from '@nestjs/common';

import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { ErpClient } from './erp.client.js';
import { ErpController } from './erp.controller.js';
import { ERP_ADAPTER, ERP_PORT } from './erp.port.js';
import { CachingErpAdapter } from './erp-caching.adapter.js';
import { ErpCallLatencyController } from './erp-call-latency.controller.js';
import { ErpCallLatency } from './erp-call-latency.service.js';
import { ERP_CALL_POLICIES, ErpCallGate, defaultCallPolicies } from './erp-call-gate.service.js';
import { ErpDocumentsController } from './erp-documents.controller.js';
import { ErpLimiter } from './erp-limiter.service.js';
import { ErpMasterDataCache } from './erp-master-data-cache.service.js';
import { RestErpAdapter } from './erp-rest.adapter.js';

/**
 * The ERP adapter: routes under `/system/v1/erp`, the configured ERP ({@link ERP_ADAPTER}) behind the master data
 * cache ({@link ERP_PORT}), and the call gate every ERP call goes through (quota limiter, timeouts, retries,
 * circuit breakers).
 */
@Module({
  controllers: [ErpController, ErpDocumentsController, ErpCallLatencyController],
  providers: [
    ErpClient,
    ErpLimiter,
    ErpCallLatency,
    ErpCallGate,
    ErpMasterDataCache,
    {
      provide: ERP_CALL_POLICIES,
      inject: [LANEGATE_CONFIG],
      useFactory: (config: LanegateConfig) => defaultCallPolicies(config.erp),
    },
    { provide: ERP_ADAPTER, useClass: RestErpAdapter },
    { provide: ERP_PORT, useClass: CachingErpAdapter },
  ],
  exports: [ERP_PORT],
})
export class ErpModule {}
