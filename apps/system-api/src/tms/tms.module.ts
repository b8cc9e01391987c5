import { Module } from '@nestjs/common';

import { MessagingModule } from '@lanegate/messaging';

import { RawVendorMessagesController } from './raw-vendor-messages.controller.js';
import { DispatchTendersModule } from './tenders/dispatch-tenders.module.js';
import { SignedWebhookGuard } from './signature/signed-webhook.guard.js';
import { TmsBodyParsers } from './tms-body-parsers.js';
import { TmsWebhooksController } from './tms-webhooks.controller.js';
import { VendorFormats } from './vendor-formats.js';
import { VendorMessagesService } from './vendor-messages.service.js';

/**
 * The TMS adapter: dispatch vendors' own formats (NMFTA event batches, Trackline webhooks, X12 214) in, canonical
 * dispatch events out on the system outbox.
 */
@Module({
  imports: [MessagingModule.forLayer('system'), DispatchTendersModule],
  controllers: [TmsWebhooksController, RawVendorMessagesController],
  providers: [TmsBodyParsers, SignedWebhookGuard, VendorFormats, VendorMessagesService],
  exports: [VendorFormats],
})
export class TmsModule {}
