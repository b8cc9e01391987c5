import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

import { PageQuery } from '@lanegate/platform';

import {
  ALERT_NOTIFICATION_STATUSES,
  ALERT_NOTIFICATION_TYPES,
  ALERT_POLICIES,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertNotificationStatus,
  type AlertNotificationType,
  type AlertPolicy,
  type AlertSeverity,
  type AlertStatus,
} from './alert.entity.js';

const POLICY_DESCRIPTION =
  '`duplicate_charge`: a shipment billed twice for the same charge (two standing invoices, or the same accessorial ' +
  'approved under two ids); `pod_missing`: delivered `ALERT_POD_MISSING_HOURS` ago or longer without proof of ' +
  'delivery; `posting_failed`: the ERP rejected a document of the shipment, or billing gave up posting after its ' +
  'retries; `dead_letter_depth`: more than `ALERT_DEAD_LETTER_DEPTH` open dead letters; `sla_breach`: delivered ' +
  '`ALERT_SLA_INVOICE_POSTED_HOURS` ago or longer and no invoice posted.';

export class ListAlertsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only alerts in this state.', enum: ALERT_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @ApiPropertyOptional({ description: 'Only alerts of this policy.', enum: ALERT_POLICIES, example: 'pod_missing' })
  @IsOptional()
  @IsIn(ALERT_POLICIES)
  policy?: AlertPolicy;

  @ApiPropertyOptional({
    description: 'Only alerts about this subject: a shipment id, or `dead-letters`.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  subjectKey?: string;
}

export class AlertNotificationView {
  @ApiProperty({
    description: 'The `webhook-id` every attempt carries, the same for every repeat, so a receiver can drop repeats.',
    example: 'ALR-0b8f3a52-6c1d-4e0f-9a7b-2d4c6e8f0a1b.opened',
  })
  id: string;

  @ApiProperty({ description: 'What it tells.', enum: ALERT_NOTIFICATION_TYPES, example: 'lanegate.alert.opened.v1' })
  type: AlertNotificationType;

  @ApiProperty({
    description:
      '`delivered` once the receiver answered 2xx; `pending` until then, tried again at the next evaluation after the ' +
      'receiver was down (no answer, 408, 429, 5xx), or after a pause that doubles from one minute to one hour after ' +
      'it refused (any other answer).',
    enum: ALERT_NOTIFICATION_STATUSES,
    example: 'delivered',
  })
  status: AlertNotificationStatus;

  @ApiProperty({ description: 'Deliveries tried so far (each with its own quick retries).', example: 1 })
  attempts: number;

  @ApiPropertyOptional({
    description: 'Why the last attempt failed.',
    example: null,
    type: String,
    nullable: true,
  })
  lastError: string | null;

  @ApiPropertyOptional({
    description:
      'A pending notification is not sent before this instant (UTC): the pause after a refusal, or an attempt in ' +
      'progress. Null, or past, when the next evaluation sends it; always null once delivered.',
    example: '2026-12-09T13:43:02.118Z',
    type: String,
    nullable: true,
  })
  notBefore: string | null;

  @ApiPropertyOptional({
    description: 'When the receiver acknowledged it (UTC).',
    example: '2026-12-09T13:41:02.118Z',
    type: String,
    nullable: true,
  })
  deliveredAt: string | null;
}

export class AlertView {
  @ApiProperty({ description: 'Alert id.', example: 'ALR-0b8f3a52-6c1d-4e0f-9a7b-2d4c6e8f0a1b' })
  id: string;

  @ApiProperty({ description: POLICY_DESCRIPTION, enum: ALERT_POLICIES, example: 'pod_missing' })
  policy: AlertPolicy;

  @ApiProperty({
    description: 'What the alert is about: a shipment id, or `dead-letters`. One open alert per policy and subject.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  subjectKey: string;

  @ApiProperty({ description: 'How urgent.', enum: ALERT_SEVERITIES, example: 'warning' })
  severity: AlertSeverity;

  @ApiProperty({
    description: '`open` while the condition holds; `resolved` once an evaluation no longer finds it.',
    enum: ALERT_STATUSES,
    example: 'open',
  })
  status: AlertStatus;

  @ApiProperty({
    description: 'What holds, for people, as the last evaluation that found it said.',
    example:
      'Shipment SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60 was delivered at 2026-12-08T12:40:00.000Z (25 h ago) and ' +
      'has no proof of delivery; it cannot be invoiced without one.',
  })
  summary: string;

  @ApiProperty({
    description: "The policy's facts, as the last evaluation that found the condition read them.",
    type: 'object',
    additionalProperties: true,
    example: {
      shipmentId: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
      deliveredAt: '2026-12-08T12:40:00.000Z',
      thresholdHours: 24,
    },
  })
  details: Record<string, unknown>;

  @ApiPropertyOptional({
    description: "The shipment's correlation id, from order creation to ERP posting.",
    example: 'order-7781',
    type: String,
    nullable: true,
  })
  correlationId: string | null;

  @ApiProperty({
    description: 'When an evaluation first found the condition (UTC).',
    example: '2026-12-09T13:41:00.000Z',
  })
  openedAt: string;

  @ApiProperty({ description: 'The last evaluation that still found it (UTC).', example: '2026-12-09T15:12:00.000Z' })
  lastSeenAt: string;

  @ApiPropertyOptional({
    description: 'When an evaluation no longer found it (UTC).',
    example: null,
    type: String,
    nullable: true,
  })
  resolvedAt: string | null;

  @ApiProperty({
    description: 'The webhook notifications of its opening and resolution; none when no webhook is configured.',
    type: [AlertNotificationView],
  })
  notifications: AlertNotificationView[];
}

export class AlertPage {
  @ApiProperty({ description: 'Alerts, newest first.', type: [AlertView] })
  items: AlertView[];

  @ApiProperty({ description: 'Number of alerts that match.', example: 3 })
  total: number;
}

export class AlertEvaluationView {
  @ApiProperty({ description: 'The instant the policies judged (UTC).', example: '2026-12-09T13:41:00.000Z' })
  evaluatedAt: string;

  @ApiProperty({
    description: 'Ids of the alerts this evaluation opened.',
    type: [String],
    example: ['ALR-0b8f3a52-6c1d-4e0f-9a7b-2d4c6e8f0a1b'],
  })
  opened: string[];

  @ApiProperty({
    description: 'Ids of the alerts this evaluation resolved.',
    type: [String],
    example: [],
  })
  resolved: string[];

  @ApiProperty({ description: 'Alerts open after it.', example: 4 })
  open: number;

  @ApiProperty({ description: 'Notifications the webhook receiver acknowledged during it.', example: 1 })
  notificationsDelivered: number;

  @ApiProperty({ description: 'Notifications still waiting for the receiver after it.', example: 0 })
  notificationsPending: number;
}
