import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';

import { AuditLog, runInTransaction, verifyAuditLog } from '@lanegate/persistence';

import { auditTable, openAuditDatabase } from './audit-fixture.js';

const onCi = process.env.CI === 'true';
const WRITERS = 20;

function entry(index: number): { actor: string; action: string; targetType: string; targetId: string } {
  return {
    actor: `dispatcher-${index}`,
    action: 'shipment.reassigned',
    targetType: 'shipment',
    targetId: `S-${index}`,
  };
}

describe.skipIf(!process.env.DATABASE_URL && !onCi)(`${AuditLog.name} on PostgreSQL`, () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;

  beforeAll(() => {
    if (!process.env.DATABASE_URL) {
      throw new Error('DATABASE_URL must be set to run the PostgreSQL integration suites on CI');
    }
  });

  beforeEach(async () => {
    ({ dataSource, dispose } = await openAuditDatabase({ databaseUrl: process.env.DATABASE_URL }));
  });

  afterEach(async () => {
    await dispose?.();
  });

  it('chains twenty concurrent records without a gap or a fork', async () => {
    const log = new AuditLog(dataSource);

    const recorded = await Promise.all(Array.from({ length: WRITERS }, (_, index) => log.record(entry(index))));

    expect(recorded.map((record) => record.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, index) => index + 1),
    );
    expect(await verifyAuditLog(dataSource)).toEqual({ ok: true, entries: WRITERS });
  });

  it("chains twenty concurrent records made inside their callers' transactions", async () => {
    const log = new AuditLog(dataSource);

    await Promise.all(
      Array.from({ length: WRITERS }, (_, index) =>
        runInTransaction(dataSource, (manager) => log.record(entry(index), manager)),
      ),
    );

    expect(await verifyAuditLog(dataSource)).toEqual({ ok: true, entries: WRITERS });
  });

  it('names an entry edited in SQL as changed', async () => {
    const log = new AuditLog(dataSource);
    for (let index = 0; index < 5; index += 1) {
      await log.record(entry(index));
    }

    await dataSource.query(
      `UPDATE ${auditTable(dataSource)} SET recorded_at = recorded_at + interval '1 ms' WHERE seq = 4`,
    );
    const verdict = await verifyAuditLog(dataSource);

    expect(verdict.ok ? [] : verdict.problems.map(({ seq, kind }) => ({ seq, kind }))).toEqual([
      { seq: 4, kind: 'changed' },
    ]);
  });
});
