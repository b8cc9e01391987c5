import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RAW_MESSAGE_STATUSES = ['accepted', 'rejected'] as const;
export type RawMessageStatus = (typeof RAW_MESSAGE_STATUSES)[number];

/**
 * A dispatch vendor's message exactly as it arrived, kept whether or not it could be mapped, so that a message
 * rejected for an unknown status can be replayed once the vendor's table knows it. Written in the same transaction
 * as the events translated from it.
 */
@Entity('raw_vendor_messages')
@Index('idx_raw_vendor_messages_webhook', ['vendor', 'webhookId'], { unique: true })
@Index('idx_raw_vendor_messages_status', ['status', 'receivedAt'])
export class RawVendorMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The format's vendor name, e.g. `nmfta`, `trackline`, `x12`. */
  @Column({ type: 'varchar', length: 40 })
  vendor: string;

  /** The Standard Webhooks `webhook-id`, the same on every retry of the message. */
  @Column({ name: 'webhook_id', type: 'varchar', length: 128, nullable: true })
  webhookId: string | null;

  /** The vendor's delivery id when its format has one (NMFTA `deliveryId`). */
  @Column({ name: 'delivery_id', type: 'varchar', length: 128, nullable: true })
  deliveryId: string | null;

  @Column({ name: 'received_at', type: Date })
  receivedAt: Date;

  /** JSON of the headers worth keeping: content type, user agent, the webhook id and timestamp. Never secrets. */
  @Column({ type: 'text' })
  headers: string;

  /** The body, byte for byte as it was signed. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  status: RawMessageStatus;

  /** JSON `{ code, detail, errors? }` of the last rejection; null once accepted. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Canonical events appended to the outbox from this message, over all its processings. */
  @Column({ name: 'events_appended', type: 'int', default: 0 })
  eventsAppended: number;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128 })
  correlationId: string;

  /** When the mapping last ran over it: on receipt, on a retried delivery, on a replay. */
  @Column({ name: 'processed_at', type: Date })
  processedAt: Date;
}
