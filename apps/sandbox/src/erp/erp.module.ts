import { Module } from '@nestjs/common';

import { ErpCustomersController } from './erp-customers.controller.js';
import { ErpCustomersService } from './erp-customers.service.js';
import { ErpDocumentsController } from './erp-documents.controller.js';
import { ErpDocumentsService } from './erp-documents.service.js';
import { ErpFaultsInterceptor } from './erp-faults.interceptor.js';
import { ErpOAuthController } from './erp-oauth.controller.js';
import { ErpOAuthService } from './erp-oauth.service.js';
import { ErpOpsController } from './erp-ops.controller.js';
import { ErpPricingController } from './erp-pricing.controller.js';
import { ErpPricingService } from './erp-pricing.service.js';
import { ErpTokenGuard } from './erp-token.guard.js';
import { SandboxErpState } from './sandbox-erp-state.service.js';

/** The simulated cloud ERP under `/sandbox/erp`: its own OAuth2 tokens, resources, faults and inspection routes. */
@Module({
  controllers: [
    ErpOAuthController,
    ErpCustomersController,
    ErpPricingController,
    ErpDocumentsController,
    ErpOpsController,
  ],
  providers: [
    SandboxErpState,
    ErpOAuthService,
    ErpTokenGuard,
    ErpFaultsInterceptor,
    ErpCustomersService,
    ErpPricingService,
    ErpDocumentsService,
  ],
})
export class ErpModule {}
