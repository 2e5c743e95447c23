/**
 * Joins the parts of a long inbound message. Each part's deliver_sm stays unanswered until the
 * whole reply is stored, so a part is never acknowledged before it is durable: if this process
 * dies meanwhile, the SMSC delivers the unanswered parts again. A message whose parts do not all
 * come within the timeout is stored as far as it came (the SMSC may send with a window of one,
 * waiting for each answer; then every part ends up stored on its own after the timeout).
 */

type Store = (text: string, parts: { seq: number; total: number; complete: boolean }) => Promise<void>;

interface Group {
  total: number;
  parts: Map<number, string>;
  waiters: { resolve: () => void; reject: (err: unknown) => void }[];
  timer: NodeJS.Timeout;
  store: Store;
}

export class Reassembly {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly maxGroups = 1000) {}

  /**
   * Resolves once the message this part belongs to is stored (rejects if storing failed). Parts
   * wait at most `timeoutMs` for the rest (0: stored at once, on its own).
   */
  add(key: string, timeoutMs: number, part: { total: number; seq: number; text: string }, store: Store): Promise<void> {
    const { total, seq, text } = part;
    if (timeoutMs === 0 || (!this.groups.has(key) && this.groups.size >= this.maxGroups)) {
      return store(text, { seq, total, complete: false });
    }
    let group = this.groups.get(key);
    if (!group) {
      const g: Group = { total, parts: new Map(), waiters: [], timer: setTimeout(() => void this.flush(key, g), timeoutMs), store };
      this.groups.set(key, g);
      group = g;
    }
    // A part delivered twice (our answer was lost) replaces itself.
    group.parts.set(seq, text);
    const done = new Promise<void>((resolve, reject) => group.waiters.push({ resolve, reject }));
    if (group.parts.size >= group.total) void this.flush(key, group);
    return done;
  }

  /** Stores every incomplete message as far as it came (shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.groups].map(([key, g]) => this.flush(key, g)));
  }

  private async flush(key: string, g: Group): Promise<void> {
    if (this.groups.get(key) !== g) return;
    this.groups.delete(key);
    clearTimeout(g.timer);
    const seqs = [...g.parts.keys()].sort((a, b) => a - b);
    const text = seqs.map((s) => g.parts.get(s) ?? '').join('');
    const waiters = g.waiters.splice(0);
    try {
      await g.store(text, { seq: seqs[0] ?? 1, total: g.total, complete: g.parts.size >= g.total });
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }
}
