import { defineConfig } from 'vitest/config';

// Unit specs live beside the code they test.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'contract-tests/**/*.spec.ts'],
    setupFiles: ['test/quiet-logs.setup.ts'],
    env: { TZ: 'UTC' },
  },
});
