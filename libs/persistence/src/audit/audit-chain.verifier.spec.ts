import { describe, expect, it } from 'vitest';

import { verifyAuditChain } from './audit-chain.verifier.js';
import {
  AUDIT_GENESIS_HASH,
  type AuditHashedFields,
  type AuditRecord,
  canonicalAuditEntry,
  canonicalJson,
  hashAuditEntry,
} from './audit-hash.js';

const START = Date.parse('2026-01-05T08:00:00.123Z');

function entry(seq: number, prevHash: string, overrides: Partial<AuditHashedFields> = {}): AuditRecord {
  const fields: AuditHashedFields = {
    seq,
    recordedAt: new Date(START + seq * 1000),
    actor: 'dispatcher-7',
    action: 'dead_letter.replayed',
    targetType: 'dead_letter',
    targetId: `DL-${seq}`,
    correlationId: `order-${seq}`,
    details: canonicalJson({ attempt: seq }),
    prevHash,
    ...overrides,
  };

  return { ...fields, hash: hashAuditEntry(fields) };
}

/** An intact chain of entries 1..length. */
function chain(length: number): AuditRecord[] {
  const rows: AuditRecord[] = [];
  for (let seq = 1; seq <= length; seq += 1) {
    rows.push(entry(seq, rows.at(-1)?.hash ?? AUDIT_GENESIS_HASH));
  }

  return rows;
}

/** Re-hashes an entry after editing it, as a forger who knows the scheme would. */
function rehashed(row: AuditRecord, changes: Partial<AuditHashedFields>): AuditRecord {
  const fields = { ...row, ...changes };

  return { ...fields, hash: hashAuditEntry(fields) };
}

function problemsOf(rows: AuditRecord[]): { seq: number; kind: string }[] {
  const verdict = verifyAuditChain(rows);

  return verdict.ok ? [] : verdict.problems.map(({ seq, kind }) => ({ seq, kind }));
}

describe(verifyAuditChain.name, () => {
  it('passes an intact chain and counts its entries', () => {
    expect(verifyAuditChain(chain(12))).toEqual({ ok: true, entries: 12 });
  });

  it('passes an empty log', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, entries: 0 });
  });

  it('passes an intact chain whatever order its rows come in', () => {
    expect(verifyAuditChain(chain(8).reverse())).toEqual({ ok: true, entries: 8 });
  });

  it('names an entry whose details were edited as changed', () => {
    const rows = chain(10);
    rows[6] = { ...rows[6], details: canonicalJson({ attempt: 99 }) };

    expect(problemsOf(rows)).toEqual([{ seq: 7, kind: 'changed' }]);
  });

  it('names an entry whose time moved by one millisecond as changed', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], recordedAt: new Date(rows[2].recordedAt.getTime() + 1) };

    expect(problemsOf(rows)).toEqual([{ seq: 3, kind: 'changed' }]);
  });

  it('names an entry whose time is unreadable as changed', () => {
    const rows = chain(3);
    rows[1] = { ...rows[1], recordedAt: new Date(Number.NaN) };

    expect(problemsOf(rows)).toEqual([{ seq: 2, kind: 'changed' }]);
  });

  it('names each deleted entry as removed, by its missing seq', () => {
    const rows = chain(10).filter((row) => ![4, 5, 9].includes(row.seq));
    const verdict = verifyAuditChain(rows);

    expect(problemsOf(rows)).toEqual([
      { seq: 4, kind: 'removed' },
      { seq: 5, kind: 'removed' },
      { seq: 9, kind: 'removed' },
    ]);
    expect(verdict.ok ? [] : verdict.problems[0].detail).toBe('missing between entries 3 and 6');
  });

  it('names a deleted first entry as removed', () => {
    expect(problemsOf(chain(4).slice(1))).toEqual([{ seq: 1, kind: 'removed' }]);
  });

  it('names a forged entry appended with a wrong prev_hash as inserted', () => {
    const rows = chain(6);
    rows.push(entry(7, 'ab'.repeat(32), { action: 'invoice.voided' }));

    expect(problemsOf(rows)).toEqual([{ seq: 7, kind: 'inserted' }]);
  });

  it('names a forged entry appended after an earlier entry than the last as inserted', () => {
    const rows = chain(6);
    rows.push(entry(7, rows[3].hash));

    expect(problemsOf(rows)).toEqual([{ seq: 7, kind: 'inserted' }]);
  });

  it('names a forged entry slipped into the middle as inserted and the entries shifted after it as reordered', () => {
    const original = chain(6);
    const forged = entry(3, original[1].hash, { action: 'invoice.voided' });
    const shifted = original.slice(2).map((row) => ({ ...row, seq: row.seq + 1 }));

    expect(problemsOf([...original.slice(0, 2), forged, ...shifted])).toEqual([
      { seq: 3, kind: 'inserted' },
      { seq: 4, kind: 'reordered' },
      { seq: 5, kind: 'reordered' },
      { seq: 6, kind: 'reordered' },
      { seq: 7, kind: 'reordered' },
    ]);
  });

  it('names a forged first entry slipped in before the others as inserted', () => {
    const original = chain(3);
    const forged = entry(1, AUDIT_GENESIS_HASH, { actor: 'intruder' });
    const shifted = original.map((row) => ({ ...row, seq: row.seq + 1 }));

    expect(problemsOf([forged, ...shifted])).toEqual([
      { seq: 1, kind: 'inserted' },
      { seq: 2, kind: 'reordered' },
      { seq: 3, kind: 'reordered' },
      { seq: 4, kind: 'reordered' },
    ]);
  });

  it('names a second entry with the same seq as inserted', () => {
    const rows = chain(5);
    rows.splice(3, 0, entry(3, rows[1].hash, { targetId: 'DL-forged' }));

    expect(problemsOf(rows)).toEqual([{ seq: 3, kind: 'inserted' }]);
  });

  it('names two entries whose seqs were swapped as reordered', () => {
    const rows = chain(6);
    [rows[2], rows[3]] = [
      { ...rows[3], seq: 3 },
      { ...rows[2], seq: 4 },
    ];

    expect(problemsOf(rows)).toEqual([
      { seq: 3, kind: 'reordered' },
      { seq: 4, kind: 'reordered' },
    ]);
  });

  it('names every entry of a log stored in reverse order as reordered, however long', () => {
    const rows = chain(20_000);
    const reversed = rows.map((row, index) => ({ ...rows[rows.length - 1 - index], seq: row.seq }));
    const verdict = verifyAuditChain(reversed);

    expect(verdict.ok ? [] : new Set(verdict.problems.map((problem) => problem.kind))).toEqual(new Set(['reordered']));
    expect(verdict.ok ? 0 : verdict.problems.length).toBe(20_000);
  });

  it('names the entry after one rewritten with a fresh hash, and says the rewrite is one explanation', () => {
    const rows = chain(6);
    rows[2] = rehashed(rows[2], { details: canonicalJson({ attempt: 0 }) });
    const verdict = verifyAuditChain(rows);

    expect(problemsOf(rows)).toEqual([{ seq: 4, kind: 'inserted' }]);
    expect(verdict.ok ? '' : verdict.problems[0].detail).toContain('entry 3 was rewritten with a new hash');
  });

  it('names a first entry whose prev_hash is not the genesis value as inserted', () => {
    const rows = chain(3);
    rows[0] = rehashed(rows[0], { prevHash: 'cd'.repeat(32) });
    rows[1] = rehashed(rows[1], { prevHash: rows[0].hash });
    rows[2] = rehashed(rows[2], { prevHash: rows[1].hash });

    expect(problemsOf(rows)).toEqual([{ seq: 1, kind: 'inserted' }]);
  });
});

describe(hashAuditEntry.name, () => {
  const fields: AuditHashedFields = {
    seq: 17,
    recordedAt: new Date('2026-01-05T08:00:00.120Z'),
    actor: 'dispatcher-7',
    action: 'dead_letter.replayed',
    targetType: 'dead_letter',
    targetId: 'DL-17',
    correlationId: null,
    details: '{"reason":"erp back"}',
    prevHash: AUDIT_GENESIS_HASH,
  };

  it('covers every column but the hash', () => {
    const edits: Partial<AuditHashedFields>[] = [
      { seq: 18 },
      { recordedAt: new Date('2026-01-05T08:00:00.121Z') },
      { actor: 'dispatcher-8' },
      { action: 'dead_letter.discarded' },
      { targetType: 'invoice' },
      { targetId: 'DL-18' },
      { correlationId: 'order-17' },
      { details: '{"reason":"erp down"}' },
      { prevHash: 'ab'.repeat(32) },
    ];

    for (const edit of edits) {
      expect(hashAuditEntry({ ...fields, ...edit }), JSON.stringify(edit)).not.toBe(hashAuditEntry(fields));
    }
  });

  it('hashes a canonical text with sorted column names and the time in UTC with milliseconds', () => {
    expect(canonicalAuditEntry(fields)).toBe(
      '{"action":"dead_letter.replayed","actor":"dispatcher-7","correlation_id":null,' +
        '"details":"{\\"reason\\":\\"erp back\\"}","prev_hash":"' +
        AUDIT_GENESIS_HASH +
        '","recorded_at":"2026-01-05T08:00:00.120Z","seq":17,"target_id":"DL-17","target_type":"dead_letter"}',
    );
    expect(hashAuditEntry(fields)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe(canonicalJson.name, () => {
  it('writes equal objects the same whatever order their keys were set in', () => {
    const one = canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } });
    const other = canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 });

    expect(one).toBe(other);
    expect(one).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
  });

  it('writes dates as ISO 8601 UTC', () => {
    expect(canonicalJson({ at: new Date('2026-01-05T08:00:00.005Z') })).toBe('{"at":"2026-01-05T08:00:00.005Z"}');
  });
});
