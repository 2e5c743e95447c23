import { openSocket, SmppConnectError } from './connect.js';
import type { Pdu } from './lib.js';
import type { SmppTls } from './schema.js';
import { delay, Session, SmppBindRejectedError, type BindMode, type RequestResult } from './session.js';
import { WindowFullError } from './window.js';

/**
 * A long-lived bind: connects, binds, and when the connection is lost or refused tries again
 * after an exponentially growing, jittered delay, until closed. Sends borrow it through `lease`:
 * a bound session and a window slot, so the caller can do its last bookkeeping (the
 * claimed-not-sent marker) between knowing the PDU can go and writing it.
 */

export interface SmppLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface BindOptions {
  host: string;
  port: number;
  tls: SmppTls;
  allowPrivate: boolean;
  systemId: string;
  password: string;
  systemType: string;
  mode: BindMode;
  window: number;
  timeouts: { connectMs: number; responseMs: number; enquireLinkMs: number };
  reconnect: { initialMs: number; maxMs: number };
  /** Answers deliver_sm (receipts, replies); without it they are answered ESME_RX_T_APPN. */
  onDeliver?: (pdu: Pdu) => Promise<number>;
  log?: SmppLog;
}

/** Why no PDU could be written: `auth` (the SMSC refused the bind), `network`, or the bind is closing. */
export class SmppUnavailableError extends Error {
  override name = 'SmppUnavailableError';
  constructor(
    message: string,
    readonly fault: 'auth' | 'network' | 'closed',
  ) {
    super(message);
  }
}

export type BindState = 'idle' | 'connecting' | 'bound' | 'waiting' | 'closed';

/** A bound session's window slot: write one request with it, or give it back unused. */
export interface Lease {
  /** Writes now; `written` is known when this returns, the result when the response (or its loss) is. */
  request(command: string, fields: Record<string, unknown>): { written: boolean; result: Promise<RequestResult> };
  release(): void;
}

const NO_LOG: SmppLog = { info: () => undefined, warn: () => undefined };

export class SmppBind {
  private current: Session | undefined;
  private stateNow: BindState = 'idle';
  private failures = 0;
  private lastError: SmppUnavailableError | undefined;
  private nextAttemptAt = 0;
  private closing = false;
  private wake: () => void = () => undefined;
  private changed: Promise<void>;
  private notify: () => void = () => undefined;
  private loop: Promise<void> | undefined;
  /** Successful binds and attempts so far (tests and metrics read them). */
  readonly counts = { attempts: 0, binds: 0 };

  constructor(private readonly o: BindOptions) {
    this.changed = this.nextChange();
  }

  get state(): BindState {
    return this.stateNow;
  }

  /** Starts connecting (once); the bind then stays up, reconnecting, until `close`. */
  start(): void {
    this.loop ??= this.run();
  }

  /**
   * A bound session with a free window slot, within `waitMs`. Waits for a bind being made (or
   * one due within the wait); fails at once when the last bind was refused (credentials do not
   * heal by retrying sooner) or the next attempt is further away than the wait.
   */
  async lease(waitMs: number): Promise<Lease> {
    const deadline = Date.now() + waitMs;
    this.start();
    for (;;) {
      if (this.closing) throw new SmppUnavailableError('the bind is closing', 'closed');
      const session = this.current;
      if (this.stateNow === 'bound' && session?.open) {
        try {
          const release = await session.window.acquire(deadline - Date.now());
          if (session.open && !this.closing) return { request: (c, f) => leaseRequest(session, release, c, f), release };
          release();
          continue;
        } catch (err) {
          if (err instanceof WindowFullError) throw new SmppUnavailableError(`${err.message}; nothing written`, 'network');
          continue; // the session closed while we waited: take the next one
        }
      }
      if (this.stateNow === 'waiting' && this.lastError && (this.lastError.fault === 'auth' || this.nextAttemptAt > deadline))
        throw this.lastError;
      const left = deadline - Date.now();
      if (left <= 0) throw this.lastError ?? new SmppUnavailableError('no bound session in time', 'network');
      await Promise.race([this.changed, delay(left)]);
    }
  }

  /** Unbinds gracefully (in-flight responses and deliver_sm handling finish first); stops reconnecting. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake();
    await this.current?.unbind();
    await this.loop;
    this.setState('closed');
  }

  /** Drops the connection without unbinding (tests: a lost connection). */
  destroyConnection(reason = 'dropped'): void {
    this.current?.destroy(reason);
  }

  private async run(): Promise<void> {
    while (!this.closing) {
      this.setState('connecting');
      this.counts.attempts++;
      const session = await this.connect().catch((err: unknown) => {
        this.lastError = asUnavailable(err);
        this.o.log?.warn({ err: this.lastError.message, fault: this.lastError.fault, failures: this.failures + 1 }, 'SMPP bind failed');
        return undefined;
      });
      if (session) {
        if (this.closing) {
          await session.unbind();
          break;
        }
        this.current = session;
        this.failures = 0;
        this.lastError = undefined;
        this.counts.binds++;
        this.setState('bound');
        this.o.log?.info({ host: this.o.host, port: this.o.port, mode: this.o.mode }, 'SMPP bound');
        const reason = await session.closed;
        if (this.closing) break;
        this.lastError = new SmppUnavailableError(`connection lost: ${reason}`, 'network');
        this.o.log?.warn({ reason }, 'SMPP connection lost; reconnecting');
      }
      const wait = backoffMs(this.failures++, this.o.reconnect);
      this.nextAttemptAt = Date.now() + wait;
      this.setState('waiting');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async connect(): Promise<Session> {
    const o = this.o;
    const socket = await openSocket({
      host: o.host,
      port: o.port,
      tls: o.tls,
      timeoutMs: o.timeouts.connectMs,
      allowPrivate: o.allowPrivate,
    });
    const session = new Session(socket, {
      responseMs: o.timeouts.responseMs,
      enquireLinkMs: o.timeouts.enquireLinkMs,
      window: o.window,
      onDeliver: o.onDeliver ?? (() => Promise.resolve(0x64)),
      onWarn: (obj, msg) => (o.log ?? NO_LOG).warn(obj, msg),
    });
    try {
      await session.bind(o.mode, o.systemId, o.password, o.systemType);
    } catch (err) {
      session.destroy('bind failed');
      throw err;
    }
    return session;
  }

  private setState(state: BindState): void {
    this.stateNow = state;
    const notify = this.notify;
    this.changed = this.nextChange();
    notify();
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => (this.notify = resolve));
  }
}

function leaseRequest(session: Session, release: () => void, command: string, fields: Record<string, unknown>) {
  const sent = session.request(command, fields);
  // The slot is the PDU's until its response (or the loss of it) is known.
  void sent.result.finally(release);
  return sent;
}

function asUnavailable(err: unknown): SmppUnavailableError {
  if (err instanceof SmppBindRejectedError) return new SmppUnavailableError(err.message, 'auth');
  if (err instanceof SmppConnectError) return new SmppUnavailableError(`connect failed: ${err.message}`, 'network');
  return new SmppUnavailableError(err instanceof Error ? err.message : String(err), 'network');
}

/** Exponential from `initialMs`, capped at `maxMs`, with ±25% jitter so many workers do not reconnect in step. */
export function backoffMs(failures: number, r: { initialMs: number; maxMs: number }): number {
  const base = Math.min(r.maxMs, r.initialMs * 2 ** Math.min(failures, 30));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
