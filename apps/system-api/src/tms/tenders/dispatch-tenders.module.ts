import { Module } from '@nestjs/common';

import { DispatchPlatformClient } from './dispatch-platform.client.js';
import { DispatchTenderGate } from './dispatch-tender-gate.service.js';
import { DispatchTendersController } from './dispatch-tenders.controller.js';

/** Outbound tenders to the dispatch platform under `/system/v1/tms/tenders`. */
@Module({
  controllers: [DispatchTendersController],
  providers: [DispatchPlatformClient, DispatchTenderGate],
})
export class DispatchTendersModule {}
