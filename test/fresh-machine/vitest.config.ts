/**
 * The inner run of fresh-machine.test.ts: only check.ts, with the suite's own global setup and
 * loopback guard. Not picked up by the main config (check.ts is not a *.test.ts file).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['test/fresh-machine/check.ts'],
    globalSetup: ['./test/support/global-setup.ts'],
    setupFiles: ['./test/support/loopback-guard-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
