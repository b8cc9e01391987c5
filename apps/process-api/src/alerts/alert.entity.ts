import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const ALERT_POLICIES = [
  'duplicate_charge',
  'pod_missing',
  'posting_failed',
  'dead_letter_depth',
  'sla_breach',
] as const;
export type AlertPolicy = (typeof ALERT_POLICIES)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATUSES = ['open', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_NOTIFICATION_TYPES = ['lanegate.alert.opened.v1', 'lanegate.alert.resolved.v1'] as const;
export type AlertNotificationType = (typeof ALERT_NOTIFICATION_TYPES)[number];

export const ALERT_NOTIFICATION_STATUSES = ['pending', 'delivered'] as const;
export type AlertNotificationStatus = (typeof ALERT_NOTIFICATION_STATUSES)[number];

/**
 * A condition a policy found, from the evaluation that first saw it until the one that no longer does. At most one
 * alert per policy and subject is open at a time: a partial unique index on (policy, subject_key) where the status is
 * `open` makes a second opening a no-op, also from two replicas at once.
 */
@Entity('alerts')
@Index('idx_alerts_opened', ['openedAt'])
export class AlertEntity {
  /** `ALR-` and a UUID. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  policy: AlertPolicy;

  /** What the alert is about: a shipment id, or `dead-letters` for the depth of the dead-letter queue. */
  @Column({ name: 'subject_key', type: 'varchar', length: 128 })
  subjectKey: string;

  @Column({ type: 'varchar', length: 16 })
  severity: AlertSeverity;

  @Column({ type: 'varchar', length: 16 })
  status: AlertStatus;

  /** One sentence for people, as the last evaluation that saw the condition wrote it. */
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  /** The policy's facts as JSON, as the last evaluation that saw the condition found them. */
  @Column({ type: 'text' })
  details: string;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128, nullable: true })
  correlationId: string | null;

  @Column({ name: 'opened_at', type: Date })
  openedAt: Date;

  /** The last evaluation that still found the condition. */
  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt: Date;

  @Column({ name: 'resolved_at', type: Date, nullable: true })
  resolvedAt: Date | null;
}

/**
 * A webhook notification of an alert's opening or resolution, written in the same transaction as the change it
 * tells of and sent until the receiver acknowledges it with a 2xx: an outbox of its own, so a receiver that is down
 * loses nothing. Its id is the `webhook-id` every attempt carries, so a receiver can drop repeats.
 */
@Entity('alert_notifications')
@Index('idx_alert_notifications_pending', ['status', 'createdAt'])
export class AlertNotificationEntity {
  /** The alert id and `.opened` or `.resolved`: one notification per alert and change. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  id: string;

  @Column({ name: 'alert_id', type: 'varchar', length: 40 })
  alertId: string;

  @Column({ type: 'varchar', length: 40 })
  type: AlertNotificationType;

  /** The JSON body, fixed when the change is recorded, so every attempt sends the same bytes. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 16 })
  status: AlertNotificationStatus;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /**
   * Not sent before then: a sender holds the notification while it sends it, so two replicas never send it at the
   * same time, and after the receiver refused it the notification pauses until then.
   */
  @Column({ name: 'claimed_until', type: Date, nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'last_attempt_at', type: Date, nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'delivered_at', type: Date, nullable: true })
  deliveredAt: Date | null;
}
