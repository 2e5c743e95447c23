import type { Socket } from 'node:net';
import { createPdu, smpp, str, type Pdu, type SmppSession } from './lib.js';
import { statusName } from './status.js';
import { Window } from './window.js';

/**
 * One connected SMPP session: requests matched to their responses by sequence number, each with
 * its own deadline; the window; enquire_link; the SMSC's own requests (deliver_sm, enquire_link,
 * unbind) answered; and a graceful unbind that lets every in-flight exchange finish first.
 * Reconnecting is the bind's business (bind.ts): a session lives exactly as long as its socket.
 */

export type BindMode = 'transceiver' | 'transmitter' | 'receiver';

/**
 * What became of one request: the response; `not-written` (the socket was gone, nothing left
 * this process, trying again is safe); `no-response` (written, but the answer was lost to a
 * timeout or a dropped connection: the SMSC may have acted on it).
 */
export type RequestResult =
  | { kind: 'response'; pdu: Pdu }
  | { kind: 'not-written'; error: string }
  | { kind: 'no-response'; error: string };

export interface SessionOptions {
  responseMs: number;
  enquireLinkMs: number;
  window: number;
  /** Handles a deliver_sm; resolves to the command_status to answer with, after its work is committed. */
  onDeliver: (pdu: Pdu) => Promise<number>;
  onWarn: (obj: object, msg: string) => void;
}

interface Pending {
  resolve: (r: RequestResult) => void;
  timer: NodeJS.Timeout;
}

/** The bind was refused by the SMSC (credentials, account): not a network problem. */
export class SmppBindRejectedError extends Error {
  override name = 'SmppBindRejectedError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class Session {
  readonly window: Window;
  /** Resolves once the socket is gone, with why. */
  readonly closed: Promise<string>;
  private readonly session: SmppSession;
  private readonly pending = new Map<number, Pending>();
  private readonly inbound = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly enquire: NodeJS.Timeout;
  private isClosed = false;
  private closeReason = 'closed';
  private markClosed: (reason: string) => void = () => undefined;

  constructor(
    socket: Socket,
    private readonly o: SessionOptions,
  ) {
    this.window = new Window(o.window);
    this.session = new smpp.Session({ socket });
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    this.session.on('pdu', (pdu: Pdu) => this.onPdu(pdu));
    // The package reports socket errors and undecodable PDUs here; either way the stream is unusable.
    this.session.on('error', (err: Error) => this.destroy(`connection error: ${err.message}`));
    this.session.on('close', () => this.finish(this.closeReason));
    this.enquire = setInterval(() => void this.keepAlive(), o.enquireLinkMs);
    this.enquire.unref();
  }

  get open(): boolean {
    return !this.isClosed;
  }

  /** Exchanges in flight (submits, binds, enquire_links) and deliver_sm still being handled. */
  get busy(): number {
    return this.pending.size + this.inbound.size;
  }

  /**
   * Writes a request now (synchronously: the caller knows it was written the moment this
   * returns) and resolves with what became of it. `written` is false when nothing was sent.
   */
  request(command: string, fields: Record<string, unknown> = {}): { written: boolean; result: Promise<RequestResult> } {
    if (this.isClosed) return { written: false, result: Promise.resolve({ kind: 'not-written', error: this.closeReason }) };
    const pdu = createPdu(command, fields);
    let written: boolean;
    try {
      written = this.session.send(pdu);
    } catch (err) {
      // An unencodable PDU (a field the codec rejects) never reached the socket.
      return {
        written: false,
        result: Promise.resolve({ kind: 'not-written', error: `could not encode ${command}: ${(err as Error).message}` }),
      };
    }
    if (!written) return { written: false, result: Promise.resolve({ kind: 'not-written', error: 'connection not writable' }) };
    const seq = pdu.sequence_number;
    const result = new Promise<RequestResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        resolve({ kind: 'no-response', error: `no ${command}_resp within ${this.o.responseMs} ms` });
        this.checkIdle();
      }, this.o.responseMs);
      this.pending.set(seq, { resolve, timer });
    });
    return { written: true, result };
  }

  /** Binds this session; throws SmppBindRejectedError (the SMSC said no) or an Error (no answer). */
  async bind(mode: BindMode, systemId: string, password: string, systemType: string): Promise<void> {
    const { result } = this.request(`bind_${mode}`, { system_id: systemId, password, system_type: systemType, interface_version: 0x34 });
    const r = await result;
    if (r.kind !== 'response') throw new Error(`bind failed: ${r.error}`);
    if (r.pdu.command_status !== 0) {
      throw new SmppBindRejectedError(`bind refused: ${statusName(r.pdu.command_status)}`, r.pdu.command_status);
    }
  }

  /**
   * Ends the session politely: waits for every request in flight (each has its deadline) and every
   * deliver_sm being handled, sends unbind and waits for its answer, then closes the socket.
   */
  async unbind(): Promise<void> {
    if (this.isClosed) return;
    clearInterval(this.enquire);
    await this.settle();
    if (!this.isClosed) {
      await this.request('unbind').result;
      // deliver_sm that came in meanwhile are answered before the socket goes.
      await this.settle();
    }
    if (!this.isClosed) {
      this.closeReason = 'unbound';
      this.session.close();
      await Promise.race([this.closed, delay(this.o.responseMs)]);
    }
    this.destroy('unbound');
  }

  destroy(reason: string): void {
    if (this.isClosed) return;
    this.closeReason = reason;
    this.session.destroy();
    this.finish(reason);
  }

  /** Resolves once nothing is in flight (or the socket is gone). */
  private async settle(): Promise<void> {
    if (this.isClosed || this.busy === 0) return;
    await Promise.race([new Promise<void>((resolve) => this.idleWaiters.push(resolve)), this.closed]);
  }

  private checkIdle(): void {
    if (this.busy > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private finish(reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearInterval(this.enquire);
    this.window.close(new Error(reason));
    for (const [seq, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(seq);
      p.resolve({ kind: 'no-response', error: `connection lost before the response: ${reason}` });
    }
    this.markClosed(reason);
  }

  private async keepAlive(): Promise<void> {
    if (this.isClosed) return;
    const r = await this.request('enquire_link').result;
    if (r.kind === 'no-response' && !this.isClosed) this.destroy('enquire_link unanswered');
  }

  private onPdu(pdu: Pdu): void {
    if (pdu.isResponse()) {
      const p = this.pending.get(pdu.sequence_number);
      if (!p) return; // its request already timed out: the caller was told `no-response`
      clearTimeout(p.timer);
      this.pending.delete(pdu.sequence_number);
      p.resolve({ kind: 'response', pdu });
      this.checkIdle();
      return;
    }
    switch (pdu.command) {
      case 'deliver_sm': {
        const work = this.o
          .onDeliver(pdu)
          .catch((err: unknown) => {
            this.o.onWarn({ err }, 'deliver_sm not handled; answered ESME_RX_T_APPN so the SMSC retries it');
            return 0x64;
          })
          .then((status) => {
            if (!this.isClosed) this.session.send(pdu.response({ command_status: status }));
          })
          .finally(() => {
            this.inbound.delete(work);
            this.checkIdle();
          });
        this.inbound.add(work);
        return;
      }
      case 'enquire_link':
        this.session.send(pdu.response());
        return;
      case 'unbind':
        this.session.send(pdu.response());
        this.closeReason = 'unbound by the SMSC';
        this.session.close();
        return;
      case 'alert_notification':
      case 'outbind':
        return; // no response is defined for these
      default:
        // Anything else (data_sm, query_sm, an unknown command) is not served on this bind.
        this.session.send(pdu.response({ command_status: 0x03 }));
    }
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Reads a submit_sm_resp's message id. */
export function messageIdOf(pdu: Pdu): string | undefined {
  const id = str(pdu, 'message_id');
  return id === undefined || id === '' ? undefined : id;
}
