import type { FaultPoint, SendDeps } from './processors/send.js';

const POINTS: readonly FaultPoint[] = ['after-claim', 'after-request', 'after-outcome'];

/**
 * The fault suite's kill points (`SMSGW_FAULT_PAUSE=after-claim|after-request|after-outcome`): a
 * send that reaches the point announces it on stdout (`FAULT_PAUSE <point> <messageId>`) and
 * waits there forever, so the test can SIGKILL the worker at exactly that moment instead of
 * guessing with sleeps. Never set in production; unset, no hook is installed at all.
 */
export function faultPointFromEnv(value: string | undefined): SendDeps['faultPoint'] {
  if (value === undefined || value === '') return undefined;
  const point = POINTS.find((p) => p === value);
  if (!point) throw new Error(`SMSGW_FAULT_PAUSE must be one of ${POINTS.join(', ')}`);
  return async (reached, messageId) => {
    if (reached !== point) return;
    process.stdout.write(`FAULT_PAUSE ${point} ${messageId}\n`);
    await new Promise<never>(() => undefined);
  };
}
