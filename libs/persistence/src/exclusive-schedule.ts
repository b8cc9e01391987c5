import type { DataSource } from 'typeorm';

export interface ExclusiveScheduleOptions {
  readonly dataSource: DataSource;
  /** Names the PostgreSQL advisory lock that lets one replica at a time take a turn. */
  readonly lockKey: string;
  /** Milliseconds between turns; 0 schedules none. */
  readonly intervalMs: number;
  readonly turn: () => Promise<unknown>;
  /** Told of a turn that failed; the next turn tries again. */
  readonly failed: (error: unknown) => void;
}

/**
 * A job that runs every interval in one replica at a time. The timer never keeps the process alive, a turn never
 * overlaps the previous one, and `stop` waits for the turn in progress. On PostgreSQL the replica that takes the
 * transaction-scoped advisory lock runs the turn and the others skip it; SQLite has one process, which always runs it.
 */
export class ExclusiveSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly options: ExclusiveScheduleOptions) {}

  start(): void {
    if (this.options.intervalMs === 0) {
      return;
    }
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => {
        this.running = undefined;
      });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One turn, if this replica holds the lock; a failure goes to `failed`, never to the caller. */
  async runOnce(): Promise<void> {
    const { dataSource, lockKey, turn } = this.options;
    try {
      if (dataSource.options.type !== 'postgres') {
        await turn();

        return;
      }
      await dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
          [lockKey],
        );
        if (locked) {
          await turn();
        }
      });
    } catch (error) {
      this.options.failed(error);
    }
  }
}
