import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { type LanegateConfig, loadConfig } from '@lanegate/platform';

import { ReconciliationScheduler } from './reconciliation.scheduler.js';
import type { ReconciliationService } from './reconciliation.service.js';

describe(ReconciliationScheduler.name, () => {
  const runs: { from: Date; to: Date; requestedBy: string }[] = [];
  const service = {
    run: (range: { from: Date; to: Date }, requestedBy: string) => {
      runs.push({ ...range, requestedBy });

      return Promise.resolve();
    },
  } as unknown as ReconciliationService;
  const sqlite = { options: { type: 'better-sqlite3' } } as unknown as DataSource;
  const config = (env: Record<string, string>): LanegateConfig =>
    loadConfig('process-api', {
      NODE_ENV: 'test',
      SYSTEM_API_URL: 'http://127.0.0.1:1',
      ...env,
    });

  beforeEach(() => {
    runs.length = 0;
    vi.useFakeTimers({ now: new Date('2026-12-10T06:00:00Z') });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('reconciles the configured window every interval, as the scheduled requester', async () => {
    const scheduler = new ReconciliationScheduler(
      service,
      sqlite,
      config({ RECONCILIATION_INTERVAL_MINUTES: '30', RECONCILIATION_WINDOW_HOURS: '48' }),
    );
    scheduler.onApplicationBootstrap();

    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    await scheduler.onApplicationShutdown();

    expect(runs).toEqual([
      { from: new Date('2026-12-08T06:30:00Z'), to: new Date('2026-12-10T06:30:00Z'), requestedBy: 'scheduled' },
      { from: new Date('2026-12-08T07:00:00Z'), to: new Date('2026-12-10T07:00:00Z'), requestedBy: 'scheduled' },
    ]);
  });

  it('schedules nothing with an interval of 0', async () => {
    const scheduler = new ReconciliationScheduler(service, sqlite, config({ RECONCILIATION_INTERVAL_MINUTES: '0' }));
    scheduler.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);

    expect(runs).toEqual([]);
  });
});
