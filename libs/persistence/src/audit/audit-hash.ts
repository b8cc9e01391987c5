import { createHash } from 'node:crypto';

/** The `prev_hash` of entry 1, which has no entry before it. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The columns of an audit entry that its hash covers: every column but `hash` itself. */
export interface AuditHashedFields {
  seq: number;
  recordedAt: Date;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  correlationId: string | null;
  /** JSON text exactly as stored; it is hashed as text, so reading it back can never change the hash. */
  details: string;
  prevHash: string;
}

/** One stored audit entry. */
export interface AuditRecord extends AuditHashedFields {
  hash: string;
}

/** JSON with the keys of every object, at every depth, in code-unit order, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, member: unknown) =>
    member !== null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );

  return text ?? 'null';
}

/**
 * The text an audit entry's hash is taken over: its columns but `hash`, under their column names, in canonical
 * JSON, the time as ISO 8601 UTC with milliseconds. The writer and the verifier both hash this and nothing else.
 */
export function canonicalAuditEntry(fields: AuditHashedFields): string {
  return canonicalJson({
    seq: fields.seq,
    recorded_at: fields.recordedAt.toISOString(),
    actor: fields.actor,
    action: fields.action,
    target_type: fields.targetType,
    target_id: fields.targetId,
    correlation_id: fields.correlationId,
    details: fields.details,
    prev_hash: fields.prevHash,
  });
}

/** SHA-256, in lowercase hex, of {@link canonicalAuditEntry}. */
export function hashAuditEntry(fields: AuditHashedFields): string {
  return createHash('sha256').update(canonicalAuditEntry(fields), 'utf8').digest('hex');
}
