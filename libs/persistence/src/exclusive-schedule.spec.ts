import type { DataSource, EntityManager } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ExclusiveSchedule } from './exclusive-schedule.js';

/** A PostgreSQL data source whose advisory lock this replica takes or not. */
function postgres(locked: boolean): DataSource {
  const manager = { query: () => Promise.resolve([{ locked }]) } as unknown as EntityManager;

  return {
    options: { type: 'postgres' },
    transaction: (work: (manager: EntityManager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
}

describe(ExclusiveSchedule.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes a turn every interval on SQLite, never overlapping the previous one', async () => {
    let turns = 0;
    let release: () => void = () => undefined;
    const schedule = new ExclusiveSchedule({
      dataSource: { options: { type: 'better-sqlite3' } } as unknown as DataSource,
      lockKey: 'test',
      intervalMs: 1_000,
      turn: () => {
        turns += 1;

        return new Promise<void>((resolve) => (release = resolve));
      },
      failed: () => undefined,
    });
    schedule.start();

    await vi.advanceTimersByTimeAsync(3_000);
    expect(turns).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(turns).toBe(2);
    release();
    await schedule.stop();
  });

  it('takes the turn on PostgreSQL only in the replica that holds the advisory lock', async () => {
    const turns: string[] = [];
    const replica = (name: string, locked: boolean): ExclusiveSchedule =>
      new ExclusiveSchedule({
        dataSource: postgres(locked),
        lockKey: 'test',
        intervalMs: 1_000,
        turn: () => Promise.resolve(turns.push(name)),
        failed: () => undefined,
      });

    await replica('holder', true).runOnce();
    await replica('other', false).runOnce();

    expect(turns).toEqual(['holder']);
  });

  it('tells of a failed turn instead of throwing, and schedules nothing with an interval of 0', async () => {
    const failures: unknown[] = [];
    const failing = new ExclusiveSchedule({
      dataSource: { options: { type: 'better-sqlite3' } } as unknown as DataSource,
      lockKey: 'test',
      intervalMs: 0,
      turn: () => Promise.reject(new Error('database gone')),
      failed: (error) => failures.push(error),
    });
    failing.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(failures).toEqual([]);

    await failing.runOnce();
    expect(failures).toEqual([new Error('database gone')]);
  });
});
