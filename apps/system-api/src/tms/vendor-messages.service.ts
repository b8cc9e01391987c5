import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';

import { type LanegateEvent, type LayerMessaging, layerMessagingToken, OutboxEventEntity } from '@lanegate/messaging';
import { AuditLog, runInTransaction } from '@lanegate/persistence';
import { ApplicationError, currentCorrelation, ResourceNotFoundError } from '@lanegate/platform';

import { toDispatchEvent } from './mapping/dispatch-event.mapper.js';
import { isIgnored, type VendorFormat, type VendorReading } from './mapping/status-mapping.js';
import { RawVendorMessageEntity } from './raw-vendor-message.entity.js';
import { VendorStatusUnknownError } from './tms.exception.js';
import { VendorFormats } from './vendor-formats.js';

/** A signed vendor message as the controller hands it over. */
export interface InboundVendorMessage {
  readonly vendor: string;
  /** The body exactly as signed. */
  readonly body: string;
  readonly webhookId: string;
  /** The headers worth keeping with the raw message; never secrets. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface VendorMessageReceipt {
  readonly message: RawVendorMessageEntity;
  /** True when a message with the same `webhook-id` had already been accepted: nothing was done. */
  readonly duplicate: boolean;
  readonly events: { readonly appended: number; readonly duplicates: number; readonly ignored: number };
  /** The format's own answer (an X12 997), when it has one. */
  readonly acknowledgement?: string;
}

/** The outcome of reading and mapping a message: its events, or the 4xx it is rejected with. */
type Translation =
  | { readonly reading: VendorReading; readonly events: LanegateEvent[]; readonly ignored: number }
  | { readonly rejection: ApplicationError; readonly reading?: VendorReading };

const NO_EVENTS = { appended: 0, duplicates: 0, ignored: 0 } as const;

/**
 * Receives dispatch vendors' messages: keeps each one raw, translates it through the vendor's table into canonical
 * events, and appends the events that are new to the system outbox in the same transaction as the raw message,
 * before the vendor is answered. A message that cannot be mapped is kept as rejected, to be replayed once it can.
 */
@Injectable()
export class VendorMessagesService {
  private readonly logger = new Logger(VendorMessagesService.name);
  private readonly audit: AuditLog;

  constructor(
    @InjectDataSource('system') private readonly dataSource: DataSource,
    @Inject(layerMessagingToken('system')) private readonly messaging: LayerMessaging,
    private readonly formats: VendorFormats,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  /**
   * Stores and translates a message. A repeat of an accepted `webhook-id` is acknowledged without effect; a repeat
   * of a rejected one is translated again, like a replay.
   * @throws ApplicationError 400 or 422 (with `rawMessageId`) when the message is rejected; it is kept all the same.
   */
  async receive(inbound: InboundVendorMessage): Promise<VendorMessageReceipt> {
    const format = this.formats.get(inbound.vendor);
    const now = new Date();
    const correlationId = currentCorrelation()?.correlationId ?? randomUUID();
    const translation = this.translate(format, inbound.body, { correlationId, now });

    const receipt = await runInTransaction(this.dataSource, async (manager) => {
      const earlier = await manager.findOneBy(RawVendorMessageEntity, {
        vendor: inbound.vendor,
        webhookId: inbound.webhookId,
      });
      if (earlier?.status === 'accepted') {
        return { message: earlier, duplicate: true, events: NO_EVENTS };
      }

      const message = earlier ?? this.newMessage(inbound, correlationId, now);

      return this.record(manager, message, translation, now);
    });

    return this.answer(receipt, translation, now);
  }

  /**
   * Translates a stored message again with the tables as they are now, appending the events not yet in the outbox.
   * @throws ResourceNotFoundError when no raw message has the id; ApplicationError 400 or 422 when it still fails.
   */
  async replay(id: string, actor: string): Promise<VendorMessageReceipt> {
    const message = await this.dataSource.getRepository(RawVendorMessageEntity).findOneBy({ id });
    if (!message) {
      throw new ResourceNotFoundError('raw vendor message', id);
    }

    const now = new Date();
    const translation = this.translate(this.formats.get(message.vendor), message.body, {
      correlationId: message.correlationId,
      now,
    });
    const receipt = await runInTransaction(this.dataSource, async (manager) => {
      const recorded = await this.record(manager, message, translation, now);
      await this.audit.record(
        {
          actor,
          action: 'raw_vendor_message.replayed',
          targetType: 'raw_vendor_message',
          targetId: id,
          details: { vendor: message.vendor, status: message.status, eventsAppended: recorded.events.appended },
        },
        manager,
      );

      return recorded;
    });

    return this.answer(receipt, translation, now);
  }

  private translate(format: VendorFormat, body: string, context: { correlationId: string; now: Date }): Translation {
    let reading: VendorReading | undefined;
    try {
      reading = format.read(body);
      const mapped = reading.reports.map((report) => ({
        report,
        mapping: this.formats.mappingOf(format.vendor, report.status),
      }));
      const unknown = mapped.filter(({ mapping }) => mapping === undefined).map(({ report }) => report);
      if (unknown.length > 0) {
        throw new VendorStatusUnknownError(format.vendor, unknown);
      }

      const mappingContext = {
        vendor: format.vendor,
        correlationId: context.correlationId,
        time: context.now.toISOString(),
      };
      const events = mapped.flatMap(({ report, mapping }) =>
        mapping === undefined || isIgnored(mapping) ? [] : [toDispatchEvent(report, mapping, mappingContext)],
      );

      return { reading, events: uniqueById(events), ignored: mapped.length - events.length };
    } catch (error) {
      if (error instanceof ApplicationError && error.status < 500) {
        return { rejection: error, reading };
      }
      throw error;
    }
  }

  /** Saves the message with the outcome and appends the events the outbox does not have yet. */
  private async record(
    manager: EntityManager,
    message: RawVendorMessageEntity,
    translation: Translation,
    now: Date,
  ): Promise<VendorMessageReceipt> {
    const fresh = 'rejection' in translation ? [] : await this.notYetInOutbox(manager, translation.events);
    message.status = 'rejection' in translation ? 'rejected' : 'accepted';
    message.error = 'rejection' in translation ? problemOf(translation.rejection) : null;
    message.deliveryId = translation.reading?.deliveryId ?? message.deliveryId;
    message.eventsAppended += fresh.length;
    message.processedAt = now;
    await manager.save(message);
    await this.messaging.append(manager, fresh);

    const events =
      'rejection' in translation
        ? NO_EVENTS
        : {
            appended: fresh.length,
            duplicates: translation.events.length - fresh.length,
            ignored: translation.ignored,
          };

    return { message, duplicate: false, events };
  }

  private answer(receipt: VendorMessageReceipt, translation: Translation, now: Date): VendorMessageReceipt {
    this.messaging.published();
    const { message } = receipt;
    if ('rejection' in translation && !receipt.duplicate) {
      const { rejection } = translation;
      const log = { vendor: message.vendor, rawMessageId: message.id, code: rejection.code };
      if (rejection.status === 422) {
        this.logger.warn(log, `${message.vendor} message rejected and kept for replay: ${rejection.message}`);
      } else {
        this.logger.debug(log, `${message.vendor} message rejected: ${rejection.message}`);
      }
      throw withRawMessage(rejection, message.id);
    }

    this.logger.log(
      { vendor: message.vendor, rawMessageId: message.id, duplicate: receipt.duplicate, ...receipt.events },
      receipt.duplicate
        ? `${message.vendor} message ${message.webhookId ?? message.id} repeated; acknowledged without effect`
        : `${message.vendor} message stored; ${receipt.events.appended} dispatch event(s) queued for the process layer`,
    );

    return { ...receipt, acknowledgement: translation.reading?.acknowledge?.(now) };
  }

  private async notYetInOutbox(manager: EntityManager, events: LanegateEvent[]): Promise<LanegateEvent[]> {
    if (events.length === 0) {
      return [];
    }

    const known = await manager.find(OutboxEventEntity, {
      select: { eventId: true },
      where: { eventId: In(events.map((event) => event.id)) },
    });
    const knownIds = new Set(known.map((row) => row.eventId));

    return events.filter((event) => !knownIds.has(event.id));
  }

  private newMessage(inbound: InboundVendorMessage, correlationId: string, now: Date): RawVendorMessageEntity {
    return Object.assign(new RawVendorMessageEntity(), {
      id: randomUUID(),
      vendor: inbound.vendor,
      webhookId: inbound.webhookId,
      deliveryId: null,
      receivedAt: now,
      headers: JSON.stringify(inbound.headers),
      body: inbound.body,
      status: 'rejected',
      error: null,
      eventsAppended: 0,
      correlationId,
      processedAt: now,
    });
  }
}

/** Keeps the first of events with the same id: a report repeated inside one message is one event. */
function uniqueById(events: LanegateEvent[]): LanegateEvent[] {
  const seen = new Set<string>();

  return events.filter((event) => !seen.has(event.id) && seen.add(event.id));
}

function problemOf(error: ApplicationError): string {
  return JSON.stringify({ code: error.code, detail: error.message, ...(error.errors ? { errors: error.errors } : {}) });
}

/** The same problem, telling the vendor and operators which stored message to replay. */
function withRawMessage(error: ApplicationError, rawMessageId: string): ApplicationError {
  return new ApplicationError({
    code: error.code,
    status: error.status,
    title: error.title,
    detail: error.message,
    errors: error.errors,
    extensions: { ...error.extensions, rawMessageId },
    headers: error.headers,
    cause: error,
  });
}
