import type { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';

import { currentCorrelation } from '@lanegate/platform';

import { runInTransaction } from '../transaction.js';
import {
  AUDIT_GENESIS_HASH,
  type AuditHashedFields,
  type AuditRecord,
  canonicalJson,
  hashAuditEntry,
} from './audit-hash.js';
import { AuditLogEntity } from './audit-log.entity.js';
import { AuditLogError } from './audit-log.exception.js';

/** The actor of entries Lanegate records on its own behalf (relays, schedulers, consumers). */
export const AUDIT_SYSTEM_ACTOR = 'system';

// First key of the two-key advisory lock that serialises appends; the second is the layer's schema. 'AUDT' in ASCII.
const AUDIT_LOCK_CLASS = 0x41554454;

const MAX_LIST_LIMIT = 1000;
const FIELD_LENGTHS = { actor: 200, action: 120, targetType: 80, targetId: 128, correlationId: 128 } as const;

/** What the caller says about an audited action; the log adds seq, time, hashes and, by default, the correlation. */
export interface AuditEntryInput {
  /** The token subject, or {@link AUDIT_SYSTEM_ACTOR}. */
  actor: string;
  /** What happened, as `<thing>.<past participle>`, e.g. `dead_letter.replayed`. */
  action: string;
  targetType: string;
  targetId: string;
  /** Defaults to the correlation id of the request or event being handled. */
  correlationId?: string;
  /** JSON-serialisable facts about the action, stored as canonical JSON. */
  details?: Record<string, unknown>;
}

export interface AuditListQuery {
  targetType?: string;
  targetId?: string;
  /** 1 to 1000. */
  limit: number;
}

export interface AuditLogOptions {
  /** Source of `recorded_at`; tests pin it. */
  clock?: () => Date;
}

/** Appends to and reads the audit log of one layer database. */
export class AuditLog {
  private readonly clock: () => Date;

  constructor(
    private readonly dataSource: DataSource,
    options: AuditLogOptions = {},
  ) {
    this.clock = options.clock ?? ((): Date => new Date());
  }

  /**
   * Appends an entry. Given the manager of the caller's transaction, the entry commits or rolls back with the action
   * it audits; without one it commits on its own. On PostgreSQL the append holds a lock until that transaction
   * ends, so record late in a long transaction.
   */
  async record(entry: AuditEntryInput, manager?: EntityManager): Promise<AuditRecord> {
    validate(entry);
    if (!manager) {
      return runInTransaction(this.dataSource, (own) => this.append(own, entry));
    }
    if (!manager.queryRunner?.isTransactionActive) {
      throw new AuditLogError(
        'AUDIT_OUTSIDE_TRANSACTION',
        'AuditLog.record was given an entity manager outside a transaction; pass the manager of the transaction.',
      );
    }

    return this.append(manager, entry);
  }

  /** The newest entries first, of one target or target type when asked. */
  async list(query: AuditListQuery): Promise<AuditRecord[]> {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIST_LIMIT) {
      throw new AuditLogError('AUDIT_QUERY_INVALID', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
    }

    const where: FindOptionsWhere<AuditLogEntity> = {};
    if (query.targetType !== undefined) {
      where.targetType = query.targetType;
    }
    if (query.targetId !== undefined) {
      where.targetId = query.targetId;
    }

    return this.dataSource.getRepository(AuditLogEntity).find({ where, order: { seq: 'DESC' }, take: query.limit });
  }

  private async append(manager: EntityManager, entry: AuditEntryInput): Promise<AuditRecord> {
    await lockChain(manager);
    const [last] = await manager.find(AuditLogEntity, { order: { seq: 'DESC' }, take: 1 });

    const fields: AuditHashedFields = {
      seq: (last?.seq ?? 0) + 1,
      recordedAt: this.clock(),
      actor: entry.actor,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      correlationId: entry.correlationId ?? currentCorrelation()?.correlationId ?? null,
      details: canonicalJson(entry.details ?? {}),
      prevHash: last?.hash ?? AUDIT_GENESIS_HASH,
    };
    const record: AuditRecord = { ...fields, hash: hashAuditEntry(fields) };
    await manager.insert(AuditLogEntity, record);

    return record;
  }
}

/**
 * Makes appends to one layer's log strictly serial: each must read the last entry only after the previous append
 * committed. On SQLite `runInTransaction` already admits one writer at a time. On PostgreSQL a transaction-scoped
 * advisory lock does it; it is keyed by schema because the layers share one database. The read after the lock
 * sees the previous append under READ COMMITTED, the default; a caller's older REPEATABLE READ snapshot would not,
 * and its insert then fails on the primary key rather than forking the chain.
 */
async function lockChain(manager: EntityManager): Promise<void> {
  const options = manager.connection.options;
  if (options.type !== 'postgres') {
    return;
  }

  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_LOCK_CLASS, options.schema ?? 'public']);
}

function validate(entry: AuditEntryInput): void {
  for (const field of ['actor', 'action', 'targetType', 'targetId', 'correlationId'] as const) {
    const value = entry[field];
    if (value === undefined && field === 'correlationId') {
      continue;
    }
    if (!value || value.length > FIELD_LENGTHS[field]) {
      throw new AuditLogError(
        'AUDIT_ENTRY_INVALID',
        `audit entry ${field} must be 1 to ${FIELD_LENGTHS[field]} characters`,
      );
    }
  }
}
