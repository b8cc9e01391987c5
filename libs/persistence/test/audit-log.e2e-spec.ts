import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';

import {
  AuditLog,
  AuditLogEntity,
  AuditLogError,
  type AuditRecord,
  hashAuditEntry,
  runInTransaction,
  verifyAuditLog,
} from '@lanegate/persistence';
import { runWithCorrelation } from '@lanegate/platform';

import { AUDIT_TEST_START, openAuditDatabase, steppingClock } from './audit-fixture.js';

const ENTRIES = 50;

async function recordEntries(log: AuditLog, count: number): Promise<void> {
  for (let index = 1; index <= count; index += 1) {
    await log.record({
      actor: index % 2 === 0 ? 'dispatcher-7' : 'system',
      action: 'dead_letter.replayed',
      targetType: 'dead_letter',
      targetId: `DL-${index % 5}`,
      details: { attempt: index, note: 'ERP back up' },
    });
  }
}

function entryAt(dataSource: DataSource, seq: number): Promise<AuditRecord> {
  return dataSource.getRepository(AuditLogEntity).findOneByOrFail({ seq });
}

/** Inserts a row with raw SQL, as someone with database access would, time written the way TypeORM writes it. */
async function insertRaw(dataSource: DataSource, row: AuditRecord): Promise<void> {
  await dataSource.query(
    'INSERT INTO audit_log (seq, recorded_at, actor, action, target_type, target_id, correlation_id, details, ' +
      'prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      row.seq,
      row.recordedAt.toISOString().replace('T', ' ').replace('Z', ''),
      row.actor,
      row.action,
      row.targetType,
      row.targetId,
      row.correlationId,
      row.details,
      row.prevHash,
      row.hash,
    ],
  );
}

/** A forged entry whose hash is right for its own contents. */
function forged(seq: number, prevHash: string): AuditRecord {
  const fields = {
    seq,
    recordedAt: new Date(AUDIT_TEST_START + seq * 1000),
    actor: 'intruder',
    action: 'invoice.voided',
    targetType: 'invoice',
    targetId: 'INV-1001',
    correlationId: null,
    details: '{}',
    prevHash,
  };

  return { ...fields, hash: hashAuditEntry(fields) };
}

async function problemsOf(dataSource: DataSource): Promise<{ seq: number; kind: string }[]> {
  const verdict = await verifyAuditLog(dataSource);

  return verdict.ok ? [] : verdict.problems.map(({ seq, kind }) => ({ seq, kind }));
}

describe(AuditLog.name, () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  let log: AuditLog;

  beforeEach(async () => {
    ({ dataSource, dispose } = await openAuditDatabase());
    log = new AuditLog(dataSource, { clock: steppingClock() });
  });

  afterEach(async () => {
    await dispose();
  });

  it('chains fifty entries into a log that verifies intact', async () => {
    await recordEntries(log, ENTRIES);

    expect(await verifyAuditLog(dataSource)).toEqual({ ok: true, entries: ENTRIES });
  });

  it('lists the entries of one target, newest first, with their details as canonical JSON', async () => {
    await recordEntries(log, 12);

    const entries = await log.list({ targetType: 'dead_letter', targetId: 'DL-2', limit: 2 });

    expect(entries.map((entry) => entry.seq)).toEqual([12, 7]);
    expect(entries[0]).toMatchObject({
      actor: 'dispatcher-7',
      recordedAt: new Date(AUDIT_TEST_START + 12_000),
      details: '{"attempt":12,"note":"ERP back up"}',
    });
  });

  it("commits an entry with the caller's transaction and leaves no entry and no gap when it rolls back", async () => {
    await recordEntries(log, 2);

    await expect(
      runInTransaction(dataSource, async (manager) => {
        await log.record(
          { actor: 'system', action: 'invoice.posted', targetType: 'invoice', targetId: 'I-1' },
          manager,
        );
        throw new Error('ERP refused the invoice');
      }),
    ).rejects.toThrow('ERP refused the invoice');
    await runInTransaction(dataSource, (manager) =>
      log.record({ actor: 'system', action: 'invoice.posted', targetType: 'invoice', targetId: 'I-2' }, manager),
    );

    expect((await log.list({ targetType: 'invoice', limit: 10 })).map((entry) => [entry.seq, entry.targetId])).toEqual([
      [3, 'I-2'],
    ]);
    expect(await verifyAuditLog(dataSource)).toEqual({ ok: true, entries: 3 });
  });

  it('takes the correlation id of the request being handled when the entry names none', async () => {
    const recorded = await runWithCorrelation({ correlationId: 'order-4711', traceId: 'a'.repeat(32) }, () =>
      log.record({ actor: 'dispatcher-7', action: 'shipment.reassigned', targetType: 'shipment', targetId: 'S-1' }),
    );
    const named = await log.record({
      actor: 'system',
      action: 'shipment.reassigned',
      targetType: 'shipment',
      targetId: 'S-2',
      correlationId: 'order-4712',
    });

    expect([recorded.correlationId, named.correlationId]).toEqual(['order-4711', 'order-4712']);
  });

  it('refuses a manager that is not inside a transaction', async () => {
    const entry = { actor: 'system', action: 'invoice.posted', targetType: 'invoice', targetId: 'I-1' };

    await expect(log.record(entry, dataSource.manager)).rejects.toBeInstanceOf(AuditLogError);
  });

  it('refuses to list without a limit it can honour', async () => {
    await expect(log.list({ limit: 0 })).rejects.toMatchObject({ code: 'AUDIT_QUERY_INVALID' });
  });

  it('refuses an entry without an actor', async () => {
    const entry = { actor: '', action: 'invoice.posted', targetType: 'invoice', targetId: 'I-1' };

    await expect(log.record(entry)).rejects.toMatchObject({ code: 'AUDIT_ENTRY_INVALID' });
  });
});

describe(`${verifyAuditLog.name} on a SQLite log tampered with in SQL`, () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ dataSource, dispose } = await openAuditDatabase());
    await recordEntries(new AuditLog(dataSource, { clock: steppingClock() }), ENTRIES);
  });

  afterEach(async () => {
    await dispose();
  });

  it('names an entry whose details were edited as changed', async () => {
    await dataSource.query(`UPDATE audit_log SET details = '{"attempt":17,"note":"never replayed"}' WHERE seq = 17`);

    expect(await problemsOf(dataSource)).toEqual([{ seq: 17, kind: 'changed' }]);
  });

  it('names a deleted entry as removed', async () => {
    await dataSource.query('DELETE FROM audit_log WHERE seq = 23');

    expect(await problemsOf(dataSource)).toEqual([{ seq: 23, kind: 'removed' }]);
  });

  it('names a forged entry slipped into the middle as inserted, and each entry shifted after it as reordered', async () => {
    const before = await entryAt(dataSource, 29);
    await dataSource.query('UPDATE audit_log SET seq = -(seq + 1) WHERE seq >= 30');
    await dataSource.query('UPDATE audit_log SET seq = -seq WHERE seq < 0');
    await insertRaw(dataSource, forged(30, before.hash));

    const problems = await problemsOf(dataSource);

    expect(problems.filter((problem) => problem.kind !== 'reordered')).toEqual([{ seq: 30, kind: 'inserted' }]);
    expect(problems.filter((problem) => problem.kind === 'reordered').map((problem) => problem.seq)).toEqual(
      Array.from({ length: ENTRIES - 29 }, (_, index) => 31 + index),
    );
  });

  it('names a forged entry appended with a wrong prev_hash as inserted', async () => {
    await insertRaw(dataSource, forged(ENTRIES + 1, 'ab'.repeat(32)));

    expect(await problemsOf(dataSource)).toEqual([{ seq: ENTRIES + 1, kind: 'inserted' }]);
  });

  it('names every tampered entry when several were tampered with', async () => {
    await dataSource.query(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 5`);
    await dataSource.query('DELETE FROM audit_log WHERE seq IN (20, 21)');
    await insertRaw(dataSource, forged(ENTRIES + 1, (await entryAt(dataSource, 40)).hash));

    expect(await problemsOf(dataSource)).toEqual([
      { seq: 5, kind: 'changed' },
      { seq: 20, kind: 'removed' },
      { seq: 21, kind: 'removed' },
      { seq: ENTRIES + 1, kind: 'inserted' },
    ]);
  });
});
