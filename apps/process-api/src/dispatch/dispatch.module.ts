import { Module } from '@nestjs/common';

import { MessagingModule } from '@lanegate/messaging';

import { DispatchEventsController } from './dispatch-events.controller.js';
import { DispatchEventsService } from './dispatch-events.service.js';

/** Dispatch events in: from vendors that speak the canonical model, and from the system layer over the bus. */
@Module({
  imports: [MessagingModule.forLayer('process')],
  controllers: [DispatchEventsController],
  providers: [DispatchEventsService],
})
export class DispatchModule {}
