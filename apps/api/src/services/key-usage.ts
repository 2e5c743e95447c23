/**
 * When each key was last used, written in batches: a request only notes the time in memory
 * (the accept path cannot afford a write per request), and a timer writes every key noted since
 * the last flush in one statement. A crash loses at most one interval of `last_used_at`.
 */
export interface KeyUsageOptions {
  /** Writes the uses (one statement); errors are reported and the uses kept for the next flush. */
  write(uses: ReadonlyArray<{ id: string; at: Date }>): Promise<void>;
  intervalMs: number;
  onError(err: unknown): void;
}

export interface KeyUsage {
  /** Notes that the key was used now. */
  touch(keyId: string): void;
  /** Writes what is noted (also what the timer calls). */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
}

export function createKeyUsage(opts: KeyUsageOptions): KeyUsage {
  let pending = new Map<string, number>();
  let running: Promise<void> | undefined;

  const writeOnce = async () => {
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    try {
      await opts.write([...batch].map(([id, at]) => ({ id, at: new Date(at) })));
    } catch (err) {
      // Put them back unless a newer use of the same key came in meanwhile.
      for (const [id, at] of batch) if (!pending.has(id)) pending.set(id, at);
      opts.onError(err);
    }
  };

  const flush = async () => {
    // One write at a time; a flush asked for during one waits for it and writes what came after.
    while (running !== undefined) await running;
    running = writeOnce().finally(() => {
      running = undefined;
    });
    await running;
  };

  const timer = setInterval(() => {
    if (running === undefined) void flush();
  }, opts.intervalMs);
  timer.unref();

  return {
    touch(keyId) {
      pending.set(keyId, Date.now());
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
