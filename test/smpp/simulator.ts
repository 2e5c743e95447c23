import type { AddressInfo, Server } from 'node:net';
import {
  concatOf,
  createPdu,
  decodedText,
  encodeGsm7,
  encodeUcs2,
  pduNumber,
  pduString,
  smpp,
  type ConcatInfo,
  type Pdu,
  type SmppSession,
} from '@smsgw/gateways';

/**
 * An SMSC on 127.0.0.1 for tests and the benchmark, built on the smpp package's server mode: it
 * binds ESMEs (checking system_id and password), answers submit_sm by per-destination rules
 * (accept, throttle, reject, never answer, answer late, drop the connection), sends delivery
 * receipts and mobile-originated messages as deliver_sm, and records everything it saw with
 * times — the oracle for "written once, never resent".
 */

export type Behaviour =
  | { mode: 'accept' }
  /** ESME_RTHROTTLED for the first `times` submits to this destination, then accept. */
  | { mode: 'throttle'; times: number }
  | { mode: 'reject'; status: number }
  /** Never answer. */
  | { mode: 'hang' }
  /** Answer after `ms`. */
  | { mode: 'delay'; ms: number }
  /** Close the connection on receipt, unanswered. */
  | { mode: 'drop' };

export interface ReceivedSubmit {
  at: number;
  systemId: string;
  destination: string;
  destTon: number;
  source: string;
  sourceTon: number;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** short_message as the package decodes it (GSM 03.38 for 0, UTF-16BE for 8), UDH removed. */
  text: string | undefined;
  payload: string | undefined;
  concat: ConcatInfo | undefined;
  /** The id it was given (undefined unless accepted). */
  messageId: string | undefined;
  status: number | undefined;
}

export interface SimulatorOptions {
  /** system_id → password. */
  accounts?: Record<string, string>;
  /** Delay of automatic delivery receipts (registered_delivery = 1); negative: none. */
  dlrDelayMs?: number;
  /** Receipts also carry the receipted_message_id and message_state TLVs. */
  receiptTlvs?: boolean;
  /** The receipt's `stat:` word per destination (default DELIVRD). */
  receiptStat?: (destination: string) => string;
  /** Listen on this port (default: any free one). */
  port?: number;
  /** Keep every submit_sm in `submits` (default true; the benchmark turns it off). */
  record?: boolean;
  /** Serve SMPP over TLS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

interface Conn {
  session: SmppSession;
  systemId: string | undefined;
  mode: string | undefined;
  pending: Map<number, (pdu: Pdu) => void>;
  outstanding: number;
}

const ESME_RTHROTTLED = 0x58;
const ESME_RINVPASWD = 0x0e;
const ESME_RINVSYSID = 0x0f;

const smppDate = (d: Date) => d.toISOString().replace(/[-T:]/g, '').slice(2, 12);

export class SmscSimulator {
  readonly submits: ReceivedSubmit[] = [];
  readonly binds: { at: number; systemId: string; mode: string; status: number }[] = [];
  readonly unbinds: { at: number; systemId: string }[] = [];
  /** Every deliver_sm_resp: when, and its status. */
  readonly deliverAnswers: { at: number; status: number }[] = [];
  /** submit_sm_resp written (time, message id). */
  readonly answers: { at: number; messageId: string | undefined; status: number }[] = [];
  private readonly rules = new Map<string, Behaviour>();
  private readonly throttled = new Map<string, number>();
  private readonly conns = new Set<Conn>();
  /** Most submit_sm one connection had unanswered at once (the ESME's window at work). */
  maxOutstanding = 0;
  private nextId = 0x1000;
  private server: Server | undefined;
  port = 0;

  constructor(private readonly o: SimulatorOptions = {}) {}

  async start(): Promise<this> {
    const server = smpp.createServer(this.o.tls ? { ...this.o.tls } : {}, (session) => this.accept(session));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.o.port ?? 0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  setRule(destination: string, behaviour: Behaviour | null): void {
    const key = destination.replace(/^\+/, '');
    if (behaviour) this.rules.set(key, behaviour);
    else this.rules.delete(key);
  }

  submitsTo(destination: string): ReceivedSubmit[] {
    const key = destination.replace(/^\+/, '');
    return this.submits.filter((s) => s.destination === key);
  }

  /** Bound sessions, by system_id. */
  bound(systemId?: string): number {
    return [...this.conns].filter((c) => c.mode !== undefined && (systemId === undefined || c.systemId === systemId)).length;
  }

  /** Drops every connection (a network failure, from the ESME's side unannounced). */
  dropAll(): void {
    for (const c of this.conns) c.session.destroy();
  }

  /**
   * A mobile-originated message to a bound receiver of `systemId`; resolves with the
   * deliver_sm_resp status. `parts` > 1 sends it as concatenated parts (reference `reference`).
   */
  async sendMo(
    systemId: string,
    m: { from: string; to: string; text: string; ucs2?: boolean; parts?: string[]; reference?: number },
  ): Promise<number[]> {
    const conn = [...this.conns].find((c) => c.systemId === systemId && (c.mode === 'transceiver' || c.mode === 'receiver'));
    if (!conn) throw new Error(`no receiver bound for ${systemId}`);
    const encode = m.ucs2 ? encodeUcs2 : encodeGsm7;
    const texts = m.parts ?? [m.text];
    const ref = m.reference ?? 7;
    const base = {
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: m.from.replace(/^\+/, ''),
      dest_addr_ton: m.to.startsWith('+') ? 1 : 0,
      dest_addr_npi: 1,
      destination_addr: m.to.replace(/^\+/, ''),
      data_coding: m.ucs2 ? 8 : 0,
    };
    const answers = texts.map((text, i) => {
      const body = encode(text);
      const short_message = texts.length > 1 ? Buffer.concat([Buffer.from([5, 0, 3, ref, texts.length, i + 1]), body]) : body;
      return this.request(conn, 'deliver_sm', { ...base, esm_class: texts.length > 1 ? 0x40 : 0, short_message });
    });
    return Promise.all(answers);
  }

  /**
   * A delivery receipt for `messageId` to a bound receiver of `systemId`: `via` (the connection
   * that submitted it) when it can receive, like an SMSC that answers on the session it was given
   * the message on; any receiver of the account otherwise.
   */
  sendReceipt(systemId: string, messageId: string, stat = 'DELIVRD', destination = '', via?: Conn): Promise<number> {
    const receives = (c: Conn) => c.systemId === systemId && (c.mode === 'transceiver' || c.mode === 'receiver');
    const conn = via && this.conns.has(via) && receives(via) ? via : [...this.conns].find(receives);
    if (!conn) return Promise.reject(new Error(`no receiver bound for ${systemId}`));
    const now = smppDate(new Date());
    const text = `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${now} done date:${now} stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`;
    const states: Record<string, number> = { DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, ACCEPTD: 6, UNKNOWN: 7, REJECTD: 8 };
    const tlvs = this.o.receiptTlvs ? { receipted_message_id: messageId, message_state: states[stat] ?? 7 } : {};
    return this.request(conn, 'deliver_sm', {
      esm_class: 0x04,
      destination_addr: destination,
      data_coding: 0,
      short_message: Buffer.from(text, 'ascii'),
      ...tlvs,
    });
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private request(conn: Conn, command: string, fields: Record<string, unknown>): Promise<number> {
    const pdu = createPdu(command, fields);
    if (!conn.session.send(pdu)) return Promise.reject(new Error('connection not writable'));
    return new Promise((resolve) => conn.pending.set(pdu.sequence_number, (resp) => resolve(resp.command_status)));
  }

  private accept(session: SmppSession): void {
    const conn: Conn = { session, systemId: undefined, mode: undefined, pending: new Map(), outstanding: 0 };
    this.conns.add(conn);
    session.on('error', () => session.destroy());
    session.on('close', () => this.conns.delete(conn));
    session.on('pdu', (pdu: Pdu) => this.onPdu(conn, pdu));
  }

  private onPdu(conn: Conn, pdu: Pdu): void {
    const { session } = conn;
    if (pdu.isResponse()) {
      if (pdu.command === 'deliver_sm_resp') this.deliverAnswers.push({ at: Date.now(), status: pdu.command_status });
      conn.pending.get(pdu.sequence_number)?.(pdu);
      conn.pending.delete(pdu.sequence_number);
      return;
    }
    switch (pdu.command) {
      case 'bind_transceiver':
      case 'bind_transmitter':
      case 'bind_receiver': {
        const systemId = pduString(pdu, 'system_id') ?? '';
        const password = pduString(pdu, 'password') ?? '';
        const accounts = this.o.accounts ?? { test: 'secret' };
        const known = Object.hasOwn(accounts, systemId);
        const status = !known ? ESME_RINVSYSID : accounts[systemId] !== password ? ESME_RINVPASWD : 0;
        const mode = pdu.command.slice('bind_'.length);
        this.binds.push({ at: Date.now(), systemId, mode, status });
        session.send(pdu.response({ command_status: status, system_id: 'SIM' }));
        if (status !== 0) {
          session.close();
          return;
        }
        conn.systemId = systemId;
        conn.mode = mode;
        return;
      }
      case 'enquire_link':
        session.send(pdu.response());
        return;
      case 'unbind':
        this.unbinds.push({ at: Date.now(), systemId: conn.systemId ?? '' });
        session.send(pdu.response());
        session.close();
        return;
      case 'submit_sm':
        this.onSubmit(conn, pdu);
        return;
      default:
        session.send(pdu.response({ command_status: 0x03 }));
    }
  }

  private onSubmit(conn: Conn, pdu: Pdu): void {
    const destination = pduString(pdu, 'destination_addr') ?? '';
    const short = decodedText(pdu, 'short_message');
    const payload = decodedText(pdu, 'message_payload');
    const record: ReceivedSubmit = {
      at: Date.now(),
      systemId: conn.systemId ?? '',
      destination,
      destTon: pduNumber(pdu, 'dest_addr_ton') ?? -1,
      source: pduString(pdu, 'source_addr') ?? '',
      sourceTon: pduNumber(pdu, 'source_addr_ton') ?? -1,
      dataCoding: pduNumber(pdu, 'data_coding') ?? -1,
      esmClass: pduNumber(pdu, 'esm_class') ?? 0,
      registeredDelivery: pduNumber(pdu, 'registered_delivery') ?? 0,
      text: short?.text,
      payload: payload?.text,
      concat: concatOf(short?.udh ?? []),
      messageId: undefined,
      status: undefined,
    };
    if (this.o.record !== false) this.submits.push(record);
    conn.outstanding++;
    this.maxOutstanding = Math.max(this.maxOutstanding, conn.outstanding);
    const rule = this.rules.get(destination) ?? { mode: 'accept' };
    const answer = (status: number) => {
      conn.outstanding--;
      if (status === 0) record.messageId = (this.nextId++).toString(16);
      record.status = status;
      const sent = conn.session.send(
        pdu.response({ command_status: status, ...(record.messageId ? { message_id: record.messageId } : {}) }),
      );
      if (sent && this.o.record !== false) this.answers.push({ at: Date.now(), messageId: record.messageId, status });
      const dlr = this.o.dlrDelayMs ?? 20;
      if (sent && status === 0 && record.registeredDelivery & 1 && dlr >= 0 && record.messageId) {
        const id = record.messageId;
        const stat = this.o.receiptStat?.(destination) ?? 'DELIVRD';
        setTimeout(() => void this.sendReceipt(record.systemId, id, stat, destination, conn).catch(() => undefined), dlr);
      }
    };
    switch (rule.mode) {
      case 'accept':
        answer(0);
        return;
      case 'throttle': {
        const seen = this.throttled.get(destination) ?? 0;
        this.throttled.set(destination, seen + 1);
        answer(seen < rule.times ? ESME_RTHROTTLED : 0);
        return;
      }
      case 'reject':
        answer(rule.status);
        return;
      case 'hang':
        return;
      case 'delay':
        setTimeout(() => answer(0), rule.ms);
        return;
      case 'drop':
        conn.session.destroy();
        return;
    }
  }
}

export async function startSimulator(o: SimulatorOptions = {}): Promise<SmscSimulator> {
  return new SmscSimulator(o).start();
}
