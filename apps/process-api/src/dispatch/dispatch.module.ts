import { Module } from '@nestjs/common';

import { MessagingModule } from '@lanegate/messaging';

import { ProjectionModule } from '../projection/index.js';
import { AccessorialRequestsService } from './accessorial-requests.service.js';
import { AccessorialsController } from './accessorials.controller.js';
import { DispatchEventsController } from './dispatch-events.controller.js';
import { DispatchEventsService } from './dispatch-events.service.js';

/** Dispatch events in: from vendors that speak the canonical model, and accessorial requests and decisions of operations. */
@Module({
  imports: [MessagingModule.forLayer('process'), ProjectionModule],
  controllers: [DispatchEventsController, AccessorialsController],
  providers: [DispatchEventsService, AccessorialRequestsService],
})
export class DispatchModule {}
