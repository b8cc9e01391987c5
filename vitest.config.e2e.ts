import { defineConfig } from 'vitest/config';

// End-to-end suites: real processes on real ports, SQLite files in temporary folders, the in-process bus.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['apps/**/test/**/*.e2e-spec.ts', 'libs/**/test/**/*.e2e-spec.ts', 'contract-tests/**/*.e2e-spec.ts'],
    setupFiles: ['test/quiet-logs.setup.ts'],
    env: { TZ: 'UTC', LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
