import type { AlertNotificationView, AlertView } from './alert.dto.js';
import type { AlertEntity, AlertNotificationEntity } from './alert.entity.js';

export function toAlertView(row: AlertEntity, notifications: readonly AlertNotificationEntity[] = []): AlertView {
  return {
    ...alertPayloadOf(row),
    notifications: [...notifications]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(toNotificationView),
  };
}

/** The alert as a webhook notification carries it: its state when the change was recorded. */
export function alertPayloadOf(row: AlertEntity): Omit<AlertView, 'notifications'> {
  return {
    id: row.id,
    policy: row.policy,
    subjectKey: row.subjectKey,
    severity: row.severity,
    status: row.status,
    summary: row.summary,
    details: JSON.parse(row.details) as Record<string, unknown>,
    correlationId: row.correlationId,
    openedAt: row.openedAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

function toNotificationView(row: AlertNotificationEntity): AlertNotificationView {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    notBefore: row.status === 'pending' ? (row.claimedUntil?.toISOString() ?? null) : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
