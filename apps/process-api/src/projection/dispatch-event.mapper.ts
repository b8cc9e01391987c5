import { type DispatchEvent, type DispatchEventKind, isDispatchEventKind } from '@lanegate/domain';
import type { LanegateEvent } from '@lanegate/messaging';

import type { DispatchEventEntity } from './dispatch-event.entity.js';

const DISPATCH_TYPE = /^lanegate\.dispatch\.([a-z_]+)\.v\d+$/;

/** The dispatch event kind a `lanegate.dispatch.<kind>.v<n>` type carries, or `null` for any other type. */
export function dispatchKindOf(type: string): DispatchEventKind | null {
  const kind = DISPATCH_TYPE.exec(type)?.[1];

  return isDispatchEventKind(kind) ? kind : null;
}

/**
 * The row that stores a dispatch event received over the bus: the envelope's id, subject and sequence, the header
 * fields that travel in `data`, and the rest of `data` as the kind's canonical payload.
 */
export function toDispatchEventRow(
  event: LanegateEvent,
  kind: DispatchEventKind,
  receivedAt: Date,
): Omit<DispatchEventEntity, 'outcome' | 'rejectionCode' | 'decisionReason'> {
  const { occurredAt, source, vendorEventId, ...payload } = (event.data ?? {}) as Record<string, unknown>;
  const sequence = event.sequence === undefined || event.sequence === null ? null : Number(event.sequence);

  return {
    eventId: event.id,
    shipmentId: event.subject ?? event.id,
    kind,
    sequence: Number.isSafeInteger(sequence) ? sequence : null,
    occurredAt: new Date(typeof occurredAt === 'string' ? occurredAt : (event.time ?? receivedAt.toISOString())),
    receivedAt,
    correlationId: event.correlationid,
    source: typeof source === 'string' ? source : event.source,
    vendorEventId: typeof vendorEventId === 'string' ? vendorEventId : null,
    payload: JSON.stringify(payload),
  };
}

/** The canonical dispatch event a stored row holds, as the projection folds it. */
export function toDispatchEvent(row: DispatchEventEntity): DispatchEvent {
  return {
    eventId: row.eventId,
    shipmentId: row.shipmentId,
    kind: row.kind,
    occurredAt: row.occurredAt.toISOString(),
    ...(row.sequence === null ? {} : { sequence: row.sequence }),
    source: row.source,
    ...(row.vendorEventId === null ? {} : { vendorEventId: row.vendorEventId }),
    data: JSON.parse(row.payload) as unknown,
  } as DispatchEvent;
}
