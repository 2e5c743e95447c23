/**
 * The window of one bind: at most `size` requests awaiting their response. A slot is taken before
 * a submit_sm is written and given back when its response (or its loss) is known.
 */
export class WindowFullError extends Error {
  override name = 'WindowFullError';
}

interface Waiter {
  grant: (release: () => void) => void;
  fail: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class Window {
  private used = 0;
  private readonly waiters: Waiter[] = [];
  private closedWith: Error | undefined;

  constructor(readonly size: number) {}

  get inUse(): number {
    return this.used;
  }

  /** A release function once a slot is free; rejects after `timeoutMs` or when the window closes. */
  acquire(timeoutMs: number): Promise<() => void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (this.used < this.size) {
      this.used++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((grant, fail) => {
      const waiter: Waiter = {
        grant,
        fail,
        timer: setTimeout(
          () => {
            const i = this.waiters.indexOf(waiter);
            if (i >= 0) this.waiters.splice(i, 1);
            fail(new WindowFullError(`window of ${this.size} full for ${timeoutMs} ms`));
          },
          Math.max(0, timeoutMs),
        ),
      };
      this.waiters.push(waiter);
    });
  }

  /** Fails every waiter and every later acquire (the connection is gone). */
  close(err: Error): void {
    this.closedWith = err;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.fail(err);
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      if (next) {
        // The slot passes straight to the next waiter: `used` stays as it is.
        clearTimeout(next.timer);
        next.grant(this.releaser());
      } else this.used--;
    };
  }
}
