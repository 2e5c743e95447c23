/**
 * Vitest setup file (vitest.config.ts `setupFiles`): installs the loopback guard in the test
 * process, hands it to every node child spawned with this process's environment, and fails the
 * test during which a refusal happened. A refusal must fail a test even when the code under test
 * swallowed the error (a send classifies it as a temporary network failure and retries).
 */
import { afterAll, afterEach } from 'vitest';
import { drainRefusals, guardNodeOptions, installLoopbackGuard, type Refusal } from './loopback-guard.js';

installLoopbackGuard();
// Children spawned with an explicit env (test/fault/procs.ts) add this themselves.
process.env['NODE_OPTIONS'] = guardNodeOptions(process.env['NODE_OPTIONS']);

function report(refusals: readonly Refusal[], when: string): Error {
  const lines = refusals.map((r) => `  - ${r.what}\n${r.origin.replace(/^/gm, '      ')}`);
  return new Error(`loopback guard: ${refusals.length} non-loopback attempt(s) ${when}:\n${lines.join('\n')}`);
}

// Refusals in beforeAll hooks (or a previous test's leftovers) are blamed on the next test: it is
// better to fail a nearby test than none.
afterEach(() => {
  const refusals = drainRefusals();
  if (refusals.length > 0) throw report(refusals, 'during this test (or before it, since the last test ended)');
});

// Registered first, so it runs after the file's own afterAll hooks (closing workers, apps).
afterAll(() => {
  const refusals = drainRefusals();
  if (refusals.length > 0) throw report(refusals, 'after the last test of this file');
});
