import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { PageQuery } from '@lanegate/platform';

/** The process layer's alert policies, as its published contract names them. */
export const OPS_ALERT_POLICIES = [
  'duplicate_charge',
  'pod_missing',
  'posting_failed',
  'dead_letter_depth',
  'sla_breach',
] as const;
export const OPS_ALERT_STATUSES = ['open', 'resolved'] as const;
/** Where the webhook notification of the alert's last change stands; `none` when no webhook is configured. */
export const OPS_ALERT_NOTICE_STATES = ['delivered', 'pending', 'none'] as const;

export class OpsAlertsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only alerts in this state.', enum: OPS_ALERT_STATUSES, example: 'open' })
  @IsOptional()
  @IsIn(OPS_ALERT_STATUSES)
  status?: (typeof OPS_ALERT_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Only alerts of this policy.', enum: OPS_ALERT_POLICIES, example: 'pod_missing' })
  @IsOptional()
  @IsIn(OPS_ALERT_POLICIES)
  policy?: (typeof OPS_ALERT_POLICIES)[number];
}

export class OpsAlertView {
  @ApiProperty({ description: 'Alert id.', example: 'ALR-0b8f3a52-6c1d-4e0f-9a7b-2d4c6e8f0a1b' })
  id: string;

  @ApiProperty({
    description: 'The policy that found the condition.',
    enum: OPS_ALERT_POLICIES,
    example: 'pod_missing',
  })
  policy: string;

  @ApiProperty({ description: 'How urgent.', enum: ['warning', 'critical'], example: 'warning' })
  severity: string;

  @ApiProperty({
    description: 'Open, or resolved once the condition cleared.',
    enum: OPS_ALERT_STATUSES,
    example: 'open',
  })
  status: string;

  @ApiProperty({
    description: 'What the alert is about: a shipment id, or `dead-letters`.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  subject: string;

  @ApiPropertyOptional({
    description: 'The shipment the alert is about, to link to it; null for the dead-letter queue.',
    example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
    type: String,
    nullable: true,
  })
  shipmentId: string | null;

  @ApiProperty({
    description: 'What holds, for people.',
    example:
      'Shipment SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60 was delivered at 2026-12-08T12:40:00.000Z (25 h ago) and ' +
      'has no proof of delivery; it cannot be invoiced without one.',
  })
  summary: string;

  @ApiProperty({ description: 'When it opened (UTC).', example: '2026-12-09T13:41:00.000Z' })
  openedAt: string;

  @ApiPropertyOptional({
    description: 'When it resolved (UTC).',
    example: null,
    type: String,
    nullable: true,
  })
  resolvedAt: string | null;

  @ApiProperty({
    description: 'Seconds it has been open, or was open until it resolved.',
    example: 5_460,
  })
  openSeconds: number;

  @ApiProperty({
    description: "Where the webhook notification of the alert's last change stands.",
    enum: OPS_ALERT_NOTICE_STATES,
    example: 'delivered',
  })
  notification: (typeof OPS_ALERT_NOTICE_STATES)[number];
}

export class OpsAlertsView {
  @ApiProperty({ description: 'Alerts, newest first.', type: [OpsAlertView] })
  items: OpsAlertView[];

  @ApiProperty({ description: 'Number of alerts that match.', example: 3 })
  total: number;

  @ApiProperty({ description: 'When the list was read (UTC).', example: '2026-12-09T15:12:00.000Z' })
  generatedAt: string;
}
