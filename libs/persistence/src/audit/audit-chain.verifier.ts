import type { DataSource } from 'typeorm';

import { AUDIT_GENESIS_HASH, type AuditRecord, hashAuditEntry } from './audit-hash.js';
import { AuditLogEntity } from './audit-log.entity.js';

/**
 * How an entry was tampered with:
 * - `changed`: its contents no longer match its hash;
 * - `removed`: its seq is missing;
 * - `inserted`: it is internally consistent but does not belong in the chain (a second entry with its seq, or its
 *   `prev_hash` is not the hash of the entry before it);
 * - `reordered`: it is intact but was moved: its hash was made for another seq.
 */
export type AuditProblemKind = 'changed' | 'removed' | 'inserted' | 'reordered';

export interface AuditProblem {
  seq: number;
  kind: AuditProblemKind;
  detail: string;
}

export type AuditChainVerdict =
  { ok: true; entries: number } | { ok: false; entries: number; problems: AuditProblem[] };

const START = -1;

/**
 * Checks a whole audit log, in any order, and names every entry that was changed, removed, inserted or moved.
 * What a hash chain cannot show: the newest entries deleted, a whole suffix rewritten with fresh hashes, or a forged
 * entry appended with a correct `prev_hash`; that needs the head hash kept somewhere else.
 */
export function verifyAuditChain(rows: readonly AuditRecord[]): AuditChainVerdict {
  const chain = new Chain([...rows].sort((a, b) => a.seq - b.seq));
  chain.inspect();
  const problems = chain.problems();

  return problems.length === 0 ? { ok: true, entries: rows.length } : { ok: false, entries: rows.length, problems };
}

/** Reads a layer's whole audit log and verifies it; the data source must know {@link AuditLogEntity}. */
export async function verifyAuditLog(dataSource: DataSource): Promise<AuditChainVerdict> {
  const rows = await dataSource.getRepository(AuditLogEntity).find({ order: { seq: 'ASC', hash: 'ASC' } });

  return verifyAuditChain(rows);
}

class Chain {
  private readonly intact: boolean[];
  private readonly indexByHash = new Map<string, number>();
  private readonly hashedSeqs = new Map<number, number | undefined>();
  private readonly flagged = new Map<number, AuditProblem>();
  private readonly removed: AuditProblem[] = [];

  constructor(private readonly rows: AuditRecord[]) {
    this.intact = rows.map((row) => hashMatches(row, row.seq));
    rows.forEach((row, index) => {
      if (!this.indexByHash.has(row.hash)) {
        this.indexByHash.set(row.hash, index);
      }
    });
  }

  inspect(): void {
    this.rows.forEach((row, index) => {
      const previous = this.rows[index - 1];
      if (previous && previous.seq === row.seq) {
        this.flag(index, 'inserted', `another entry also has seq ${row.seq}`);

        return;
      }

      const expectedSeq = previous ? previous.seq + 1 : 1;
      for (let missing = expectedSeq; missing < row.seq; missing += 1) {
        const where = previous ? `between entries ${previous.seq} and ${row.seq}` : `before entry ${row.seq}`;
        this.removed.push({ seq: missing, kind: 'removed', detail: `missing ${where}` });
      }
      if (!this.intact[index]) {
        const hashedAs = this.hashedSeq(index);
        if (hashedAs === undefined) {
          this.flag(index, 'changed', 'its contents no longer match its hash');
        } else {
          this.flag(index, 'reordered', `its hash was made for entry ${hashedAs}`);
        }
      }
      // After a gap the entry's predecessor is gone, so its link cannot be checked.
      if (row.seq <= expectedSeq) {
        this.checkLink(index);
      }
    });
  }

  problems(): AuditProblem[] {
    return [...this.removed, ...this.flagged.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Whether the entry's `prev_hash` names the entry before it, and if not, which entry is out of place. */
  private checkLink(index: number): void {
    const row = this.rows[index];
    const previous = this.rows[index - 1];
    if (row.prevHash === (previous?.hash ?? AUDIT_GENESIS_HASH)) {
      return;
    }

    const ownSeq = this.hashedSeq(index);
    if (ownSeq === undefined) {
      return; // a changed entry: its own problem says enough
    }

    const linked = this.linkOf(row);
    if (linked === undefined) {
      this.flagIntact(index, notLinkedDetail(previous));

      return;
    }

    const linkedSeq = linked === START ? 0 : this.hashedSeq(linked);
    if (linked < index - 1 && linkedSeq !== undefined && linkedSeq + 1 === ownSeq) {
      // This entry links past the ones before it, which therefore sit where nothing points to them.
      for (let between = linked + 1; between < index; between += 1) {
        this.flagIntact(between, `entry ${row.seq} links past it to ${this.nameOf(linked)}`);
      }

      return;
    }

    this.flagIntact(index, `its prev_hash links it to ${this.nameOf(linked)}, which does not come right before it`);
  }

  /**
   * The seq the entry's hash was made for: its own when intact, else the one its link implies if the hash fits
   * that, else none. Follows links iteratively, as a log reordered end to end would nest as deep as it is long.
   */
  private hashedSeq(index: number): number | undefined {
    const path = new Set<number>();
    let current: number | undefined = index;
    let seq: number | undefined;
    for (;;) {
      if (current === START) {
        seq = 0;
        break;
      }
      if (current === undefined || path.has(current)) {
        seq = undefined;
        break;
      }
      if (this.intact[current]) {
        seq = this.rows[current].seq;
        break;
      }
      if (this.hashedSeqs.has(current)) {
        seq = this.hashedSeqs.get(current);
        break;
      }
      path.add(current);
      current = this.linkOf(this.rows[current]);
    }

    for (const unresolved of [...path].reverse()) {
      const row = this.rows[unresolved];
      const candidate = seq === undefined ? undefined : seq + 1;
      seq = candidate !== undefined && candidate !== row.seq && hashMatches(row, candidate) ? candidate : undefined;
      this.hashedSeqs.set(unresolved, seq);
    }

    return seq;
  }

  /** The position of the entry that `prev_hash` names: {@link START} for the genesis value, none for no entry. */
  private linkOf(row: AuditRecord): number | undefined {
    return row.prevHash === AUDIT_GENESIS_HASH ? START : this.indexByHash.get(row.prevHash);
  }

  private nameOf(linked: number): string {
    return linked === START ? 'the start of the log' : `entry ${this.rows[linked].seq}`;
  }

  private flagIntact(index: number, detail: string): void {
    if (this.intact[index] && !this.flagged.has(index)) {
      this.flag(index, 'inserted', detail);
    }
  }

  private flag(index: number, kind: AuditProblemKind, detail: string): void {
    this.flagged.set(index, { seq: this.rows[index].seq, kind, detail });
  }
}

function notLinkedDetail(previous: AuditRecord | undefined): string {
  if (!previous) {
    return 'its prev_hash is not the genesis value';
  }

  return (
    `its prev_hash is not the hash of entry ${previous.seq} nor of any other entry: ` +
    `it was forged, or entry ${previous.seq} was rewritten with a new hash`
  );
}

function hashMatches(row: AuditRecord, seq: number): boolean {
  try {
    return hashAuditEntry({ ...row, seq }) === row.hash;
  } catch {
    return false; // an unreadable time cannot have been hashed
  }
}
