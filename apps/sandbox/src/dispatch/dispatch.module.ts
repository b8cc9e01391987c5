import { Module } from '@nestjs/common';

import { DispatchApiKeyGuard } from './dispatch-api-key.guard.js';
import { DispatchDeliveryService } from './dispatch-delivery.service.js';
import { DispatchLoadsService } from './dispatch-loads.service.js';
import { DispatchOpsController } from './dispatch-ops.controller.js';
import { DispatchTendersController } from './dispatch-tenders.controller.js';
import { DispatchTendersService } from './dispatch-tenders.service.js';
import { SandboxDispatchState } from './sandbox-dispatch-state.service.js';

/**
 * The simulated dispatch platform under `/sandbox/dispatch`: plays load lifecycles to the gateway as signed vendor
 * messages, receives tenders behind its own API key, and has fault switches and inspection routes.
 */
@Module({
  controllers: [DispatchOpsController, DispatchTendersController],
  providers: [
    SandboxDispatchState,
    DispatchDeliveryService,
    DispatchLoadsService,
    DispatchTendersService,
    DispatchApiKeyGuard,
  ],
})
export class DispatchModule {}
