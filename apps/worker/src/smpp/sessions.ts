import type { Logger } from 'pino';
import type { MessageRow } from '@smsgw/db';
import { planSubmit, SmppBind, submitMessage, type BindMode, type SubmitPlan, type SubmitResult } from '@smsgw/gateways';
import type { SmppGateway } from '../gateway-cache.js';
import type { DeliverHandler, PartIndex } from './inbound.js';

/**
 * The SMPP binds of this worker process: one per gateway (a transceiver, or a transmitter plus a
 * receiver), made on first use — a send, or the gateway sync for `keepBound` gateways, so reports
 * and replies flow while nothing is sent — and kept for the life of the process. A gateway whose
 * version changes gets new binds; the old ones unbind once their in-flight PDUs are answered.
 * Sends share the bind's window (its limit on unacknowledged PDUs); the gateway's rate limit
 * is applied before, by the pacer, as for HTTP gateways.
 */

interface Entry {
  version: number;
  tx: SmppBind;
  rx: SmppBind | undefined;
}

export interface SmppSessionsOptions {
  /** Loopback and private SMSC addresses allowed (SMSGW_ALLOW_PRIVATE_GATEWAYS). */
  allowPrivate: boolean;
  onDeliver: DeliverHandler;
  parts: PartIndex;
  log: Logger;
}

export interface SmppSessions {
  /** The gateway's binds, made (and started) if this version has none yet. */
  ensure(gw: SmppGateway): void;
  /** The submit_sm PDUs of a message; throws a GatewayError when this gateway cannot send it. */
  plan(gw: SmppGateway, message: MessageRow): SubmitPlan;
  /**
   * Sends a planned message. `beforeWrite` runs once, right before the first PDU is written
   * (the claimed-not-sent marker is taken there); 'skipped' when it said no.
   */
  send(gw: SmppGateway, message: MessageRow, plan: SubmitPlan, beforeWrite: () => Promise<boolean>): Promise<SubmitResult | 'skipped'>;
  /** Retires the binds of gateways deleted, disabled or changed (`versions`: name → current version). */
  retireStale(versions: ReadonlyMap<string, number>, disabled: ReadonlySet<string>): void;
  /** The sending bind of a gateway, if made (tests, metrics). */
  bindOf(gateway: string): SmppBind | undefined;
  /** Unbinds everything, letting in-flight PDUs and deliver_sm handling finish. */
  close(): Promise<void>;
}

export function createSmppSessions(o: SmppSessionsOptions): SmppSessions {
  const entries = new Map<string, Entry>();
  const retiring = new Set<Promise<void>>();
  const references = new Map<string, number>();
  let closed = false;

  const retire = (name: string, entry: Entry) => {
    if (entries.get(name) === entry) entries.delete(name);
    const done: Promise<void> = Promise.all([entry.tx.close(), entry.rx?.close()])
      .then(() => undefined)
      .catch((err: unknown) => o.log.warn({ err, gateway: name }, 'SMPP unbind failed'))
      .finally(() => retiring.delete(done));
    retiring.add(done);
  };

  const makeBind = (gw: SmppGateway, mode: BindMode): SmppBind => {
    const c = gw.config;
    return new SmppBind({
      host: c.host,
      port: c.port,
      tls: c.tls,
      allowPrivate: o.allowPrivate,
      systemId: gw.credentials['system_id'] ?? '',
      password: gw.credentials['password'] ?? '',
      systemType: c.systemType,
      mode,
      window: c.window,
      timeouts: c.timeouts,
      reconnect: c.reconnect,
      onDeliver: (pdu) => o.onDeliver(gw, pdu),
      log: o.log.child({ gateway: gw.row.name, bind: mode }),
    });
  };

  const entryFor = (gw: SmppGateway): Entry => {
    const current = entries.get(gw.row.name);
    // A newer bind than the caller's copy of the gateway (its cache was a moment behind) is kept.
    if (current && current.version >= gw.row.version) return current;
    if (current) retire(gw.row.name, current);
    const split = gw.config.bindMode === 'transmitter+receiver';
    const entry: Entry = {
      version: gw.row.version,
      tx: makeBind(gw, split ? 'transmitter' : 'transceiver'),
      rx: split ? makeBind(gw, 'receiver') : undefined,
    };
    entries.set(gw.row.name, entry);
    entry.tx.start();
    entry.rx?.start();
    return entry;
  };

  return {
    ensure(gw) {
      if (!closed) entryFor(gw);
    },
    plan(gw, message) {
      const name = gw.row.name;
      // A concatenation reference per message, cycling per gateway (8 bits, as the UDH carries it).
      const reference = ((references.get(name) ?? Math.floor(Math.random() * 256)) + 1) & 0xff;
      references.set(name, reference);
      const from = message.from ?? (typeof gw.settings['from'] === 'string' ? gw.settings['from'] : undefined);
      return planSubmit(
        gw.config,
        {
          to: message.to,
          from,
          content: message.content,
          encoding: message.encoding,
          segments: message.segments,
          validUntil: message.validUntil,
        },
        reference,
      );
    },
    async send(gw, message, plan, beforeWrite) {
      const c = gw.config;
      if (closed)
        return {
          outcome: { kind: 'temporary', error: 'worker shutting down; nothing sent', httpStatus: undefined },
          partIds: [],
          parts: plan.pdus.length,
        };
      const entry = entryFor(gw);
      return submitMessage(plan.pdus, {
        lease: (waitMs) => entry.tx.lease(waitMs),
        // Long enough for a reconnect due now and for a full window to free a slot.
        leaseWaitMs: c.timeouts.connectMs + c.timeouts.responseMs,
        statusRules: c.statusRules,
        throttleRetryMs: c.throttleRetryMs,
        beforeWrite,
        onAccepted: (index, id, parts) => {
          if (parts > 1) o.parts.remember(gw.row.name, id, { messageId: message.id, index: index + 1, count: parts });
        },
      });
    },
    retireStale(versions, disabled) {
      for (const [name, entry] of entries) {
        if (versions.get(name) !== entry.version || disabled.has(name)) retire(name, entry);
      }
    },
    bindOf: (gateway) => entries.get(gateway)?.tx,
    async close() {
      closed = true;
      for (const [name, entry] of entries) retire(name, entry);
      while (retiring.size > 0) await Promise.all([...retiring]);
    },
  };
}
