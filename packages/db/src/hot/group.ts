/**
 * Group commit: calls made while a statement is in flight are coalesced into the next one. Each
 * caller still gets its own result. At low load a call goes out on the next event-loop turn
 * (no added latency); under load groups grow by themselves, up to `maxRows`, so the number of
 * statements per message falls as the rate rises.
 */
export interface GroupOptions<I, O> {
  /** Runs one group; returns one result per item, in order. */
  run(items: I[]): Promise<O[]>;
  /** Rows in one statement at most. */
  maxRows: number;
  /** Statements of this kind in flight at once (each holds a pool connection). */
  concurrency: number;
  /** Items with the same key never share a group (a statement cannot update one row twice). */
  key?: (item: I) => string;
}

export interface Group<I, O> {
  submit(item: I): Promise<O>;
  /** Resolves once everything submitted so far has been run. */
  drain(): Promise<void>;
}

interface Pending<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (err: unknown) => void;
}

export function createGroup<I, O>(opts: GroupOptions<I, O>): Group<I, O> {
  let queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;
  const idle: (() => void)[] = [];

  const take = (): Pending<I, O>[] => {
    if (!opts.key) {
      const group = queue.slice(0, opts.maxRows);
      queue = queue.slice(group.length);
      return group;
    }
    const seen = new Set<string>();
    const group: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    for (const p of queue) {
      const k = opts.key(p.item);
      if (group.length < opts.maxRows && !seen.has(k)) {
        seen.add(k);
        group.push(p);
      } else rest.push(p);
    }
    queue = rest;
    return group;
  };

  const runGroup = async (group: Pending<I, O>[]): Promise<void> => {
    try {
      const out = await opts.run(group.map((p) => p.item));
      for (const [i, p] of group.entries()) p.resolve(out[i] as O);
    } catch (err) {
      if (group.length === 1) {
        group[0]?.reject(err);
        return;
      }
      // One bad row must not fail its neighbours: run each on its own, each with its own fate.
      await Promise.all(
        group.map(async (p) => {
          try {
            const [o] = await opts.run([p.item]);
            p.resolve(o as O);
          } catch (e) {
            p.reject(e);
          }
        }),
      );
    }
  };

  const pump = (): void => {
    scheduled = false;
    while (inFlight < opts.concurrency && queue.length > 0) {
      const group = take();
      inFlight++;
      void runGroup(group).finally(() => {
        inFlight--;
        if (queue.length > 0) pump();
        else if (inFlight === 0) for (const f of idle.splice(0)) f();
      });
    }
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // Wait for the rest of this turn's callers; a full group need not wait.
        if (queue.length >= opts.maxRows && inFlight < opts.concurrency) pump();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
    drain() {
      if (queue.length === 0 && inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
