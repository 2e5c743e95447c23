/**
 * Undo steps collected while the bench sets itself up, run newest first. Every step runs even
 * when an earlier one fails (a stuck worker must not leave a database behind); failures are
 * returned, not thrown, so the caller can report them next to the results.
 */
export interface Teardown {
  add(what: string, step: () => Promise<unknown>): void;
  /** Runs the steps once (later calls return the first run's outcome). */
  run(): Promise<string[]>;
}

/** A fresh, empty teardown list. */
export function createTeardown(stepTimeoutMs = 15_000): Teardown {
  const steps: { what: string; step: () => Promise<unknown> }[] = [];
  let running: Promise<string[]> | undefined;
  const bounded = async (what: string, step: () => Promise<unknown>) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${stepTimeoutMs} ms`)), stepTimeoutMs);
    });
    try {
      await Promise.race([step(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return what;
  };
  return {
    add: (what, step) => void steps.push({ what, step }),
    run() {
      running ??= (async () => {
        const errors: string[] = [];
        for (const { what, step } of steps.reverse()) {
          try {
            await bounded(what, step);
          } catch (err) {
            errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        return errors;
      })();
      return running;
    },
  };
}
