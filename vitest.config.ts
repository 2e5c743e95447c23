import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    // No traffic beyond loopback, not even DNS: refused, and the test that tried fails.
    setupFiles: ['./test/support/loopback-guard-setup.ts'],
    pool: 'forks',
    // Two cores: more parallel files only add contention on PostgreSQL and Redis.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
