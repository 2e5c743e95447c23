import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Owns everything of a sandbox that outlives a request (delays, scheduled reports), so close()
 * can cancel it all at once and tests never wait on a forgotten timer.
 */
export interface Lifecycle {
  /** Aborted when the sandbox closes. */
  readonly signal: AbortSignal;
  /** Waits `ms`; rejects with an AbortError when the sandbox closes meanwhile. */
  pause(ms: number): Promise<void>;
  /** Keeps a background task so idle()/close() can wait for it; its failure is logged, never thrown. */
  track(task: Promise<unknown>): void;
  /** Resolves once no tracked task is running. */
  idle(): Promise<void>;
  /** Cancels every pause and outgoing call. */
  abort(): void;
}

/** True for the error a cancelled pause or request throws. */
export function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

/** Creates the lifecycle; `onError` receives failures of tracked tasks other than cancellation. */
export function createLifecycle(onError: (err: unknown) => void): Lifecycle {
  const controller = new AbortController();
  // Every pending pause and outgoing report listens to this one signal; hundreds at once under
  // load are expected, not a leak, so Node's default warning at 10 is switched off for it.
  setMaxListeners(0, controller.signal);
  const tasks = new Set<Promise<unknown>>();

  return {
    signal: controller.signal,
    async pause(ms) {
      controller.signal.throwIfAborted();
      // Zero-delay pauses are the common case (latencyMs 0): skip the timer round trip.
      if (ms > 0) await sleep(ms, undefined, { signal: controller.signal });
    },
    track(task) {
      const guarded = task.then(
        () => undefined,
        (err: unknown) => {
          if (!(controller.signal.aborted && isAbort(err))) onError(err);
        },
      );
      tasks.add(guarded);
      void guarded.finally(() => tasks.delete(guarded));
    },
    async idle() {
      while (tasks.size > 0) await Promise.allSettled([...tasks]);
    },
    abort() {
      controller.abort();
    },
  };
}
