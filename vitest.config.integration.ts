import { defineConfig } from 'vitest/config';

// Integration suites against real PostgreSQL, NATS JetStream and Redis (DATABASE_URL, NATS_URL, REDIS_URL).
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['apps/**/test/**/*.int-spec.ts', 'libs/**/test/**/*.int-spec.ts'],
    setupFiles: ['test/quiet-logs.setup.ts'],
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
