import type { DeadLetterEntity } from '@lanegate/messaging';

import type { DeadLetterDetailView, DeadLetterView } from './dead-letter.dto.js';

export function toDeadLetterView(letter: DeadLetterEntity): DeadLetterView {
  return {
    id: letter.id,
    consumer: letter.consumer,
    eventId: letter.eventId,
    type: letter.type,
    subject: letter.subject,
    reason: letter.reason,
    error: letter.error.split('\n')[0],
    attempts: letter.attempts,
    status: letter.status,
    firstFailedAt: letter.firstFailedAt.toISOString(),
    lastFailedAt: letter.lastFailedAt.toISOString(),
    resolvedAt: letter.resolvedAt?.toISOString() ?? null,
    resolvedBy: letter.resolvedBy,
    resolutionNote: letter.resolutionNote,
  };
}

export function toDeadLetterDetailView(letter: DeadLetterEntity): DeadLetterDetailView {
  return { ...toDeadLetterView(letter), event: JSON.parse(letter.envelope) as Record<string, unknown> };
}
