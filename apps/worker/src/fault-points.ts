import type { FaultPoint, SendDeps } from './processors/send.js';

const POINTS: readonly FaultPoint[] = ['after-claim', 'after-request', 'after-outcome'];

/**
 * The fault suite's hooks, never set in production (unset, no hook is installed at all):
 * - `SMSGW_FAULT_PAUSE=after-claim|after-request|after-outcome`: a send that reaches the point
 *   announces it on stdout (`FAULT_PAUSE <point> <messageId>`) and waits there forever, so the
 *   test can SIGKILL the worker at exactly that moment instead of guessing with sleeps.
 * - with `SMSGW_FAULT_BLOCK_MS=<ms>` as well: the first send to reach the point blocks the event
 *   loop that long instead (announced as `FAULT_BLOCK <point> <messageId>`), then goes on — a
 *   worker frozen past its job lock, as a long GC pause or a starved VM would freeze it.
 */
export function faultPointFromEnv(env: Record<string, string | undefined>): SendDeps['faultPoint'] {
  const value = env['SMSGW_FAULT_PAUSE'];
  if (value === undefined || value === '') return undefined;
  const point = POINTS.find((p) => p === value);
  if (!point) throw new Error(`SMSGW_FAULT_PAUSE must be one of ${POINTS.join(', ')}`);
  const blockMs = Number(env['SMSGW_FAULT_BLOCK_MS'] ?? 0);
  let blocked = false;
  return async (reached, messageId) => {
    if (reached !== point) return;
    if (blockMs > 0) {
      if (blocked) return;
      blocked = true;
      process.stdout.write(`FAULT_BLOCK ${point} ${messageId}\n`);
      const until = Date.now() + blockMs;
      // A deliberate busy wait: the point is that nothing else in this process runs meanwhile.
      while (Date.now() < until);
      return;
    }
    process.stdout.write(`FAULT_PAUSE ${point} ${messageId}\n`);
    await new Promise<never>(() => undefined);
  };
}
