import { AsyncLocalStorage } from 'node:async_hooks';

import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();
const holder = new AsyncLocalStorage<DataSource>();

/**
 * Runs `work` in a transaction of `dataSource`. On PostgreSQL this is a plain transaction from the pool. On SQLite,
 * TypeORM shares one connection between all callers, so interleaved transactions would nest into each other's
 * savepoints and a stray write could join (and roll back with) another caller's transaction; there every write
 * goes through this function, which runs one unit of work at a time per file (SQLite admits one writer anyway).
 * Calls nested inside `work` join the outer transaction.
 */
export function runInTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3' || holder.getStore() === dataSource) {
    return dataSource.transaction(work);
  }

  const previous = queues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(() => holder.run(dataSource, () => dataSource.transaction(work)));
  queues.set(
    dataSource,
    next.catch(() => undefined),
  );

  return next;
}
