import type { Logger } from 'pino';
import { recordStatusReport, settleLateReport, type Db, type HotPath, type IncomingReport } from '@smsgw/db';
import { parseDeliverSm, type ParsedMo, type ParsedReceipt, type Pdu } from '@smsgw/gateways';
import type { SmppGateway } from '../gateway-cache.js';
import { Reassembly } from './reassembly.js';
import { storeInboundReply, type InboundReplyDeps } from './replies.js';

/**
 * What the worker does with a deliver_sm: a delivery receipt goes through recordStatusReport
 * (the forward-only path HTTP reports take), anything else is an inbound reply for the reply
 * path. The handler resolves with the deliver_sm_resp status only once the row is committed, so
 * the SMSC never hears "done" for something a crash could still lose.
 */

/** Where a part of a long message we sent is, by the SMSC's id of that part. */
export interface PartRef {
  messageId: string;
  index: number;
  count: number;
}

/**
 * Part ids of long messages this process sent recently, so a later part's receipt can name its
 * message. In memory and bounded: a receipt that outlives it (or reaches another worker's bind)
 * is matched by its own id only, which for parts after the first finds nothing; the message's
 * status then follows its first part, whose id is the message's gateway id.
 */
export class PartIndex {
  private readonly refs = new Map<string, PartRef>();
  constructor(private readonly max = 100_000) {}

  remember(gateway: string, partId: string, ref: PartRef): void {
    this.refs.set(`${gateway}\u0000${partId}`, ref);
    // Oldest first: a Map iterates in insertion order.
    if (this.refs.size > this.max) {
      const oldest = this.refs.keys().next();
      if (!oldest.done) this.refs.delete(oldest.value);
    }
  }

  get(gateway: string, partId: string): PartRef | undefined {
    return this.refs.get(`${gateway}\u0000${partId}`);
  }
}

export interface InboundDeps {
  db: Db;
  hot: HotPath;
  replies: InboundReplyDeps;
  parts: PartIndex;
  log: Logger;
}

const ESME_ROK = 0;
/** When an unmatched receipt is looked at again: soon after its send's outcome should be stored, then once more. */
const RECHECK_AFTER_MS = [250, 2000] as const;

export type DeliverHandler = (gw: SmppGateway, pdu: Pdu) => Promise<number>;

export function createDeliverHandler(deps: InboundDeps): { handle: DeliverHandler; flush(): Promise<void> } {
  const reassembly = new Reassembly();
  const rechecks = new Set<NodeJS.Timeout>();

  /**
   * A receipt that came while its send's answer was being stored can miss it both ways (the
   * commits cross); looked at again here, as the API does for HTTP reports. Best effort: the
   * maintenance sweep settles whatever a stopped process leaves.
   */
  const recheck = (report: IncomingReport, i = 0): void => {
    const delay = RECHECK_AFTER_MS[i];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      rechecks.delete(timer);
      settleLateReport(deps.db, report)
        .then((outcomes) => (outcomes.length > 0 ? undefined : recheck(report, i + 1)))
        .catch((err: unknown) => deps.log.warn({ err, gateway: report.gateway }, 'late receipt check failed; the sweep will settle it'));
    }, delay);
    timer.unref();
    rechecks.add(timer);
  };

  const receipt = async (gw: SmppGateway, r: ParsedReceipt): Promise<void> => {
    // A receipt read in the same chunk as its part's submit_sm_resp is handled before the send
    // has looked at that response: let it (all promise callbacks) run first.
    await new Promise((resolve) => setImmediate(resolve));
    const part = deps.parts.get(gw.row.name, r.gatewayMessageId);
    const report: IncomingReport = {
      gateway: gw.row.name,
      gatewayMessageId: r.gatewayMessageId,
      status: r.status,
      providerStatus: r.providerStatus,
      errorCode: r.errorCode,
      at: r.at,
      raw: { text: r.text ?? null },
      // A later part names its message and place: a failed part fails the message, and delivered
      // parts add up (reports.ts), instead of being reports of nothing.
      ...(part && part.index > 1 ? { reference: part.messageId, partIndex: part.index, partCount: part.count } : {}),
    };
    const outcome = await recordStatusReport(deps.db, report, deps.hot);
    deps.log.info({ gateway: gw.row.name, messageId: outcome.messageId, state: outcome.state, status: r.status }, 'SMPP delivery receipt');
    if (outcome.state === 'unmatched') recheck(report);
  };

  const reply = async (gw: SmppGateway, mo: ParsedMo): Promise<void> => {
    const raw = { dataCoding: mo.dataCoding, concat: mo.concat ?? null };
    const store = async (text: string, info?: { seq: number; total: number; complete: boolean }) => {
      await storeInboundReply(deps.replies, gw.row.name, { from: mo.from, to: mo.to, text, raw: info ? { ...raw, parts: info } : raw });
    };
    if (!mo.concat) return store(mo.text);
    const key = [gw.row.name, mo.from, mo.to ?? '', mo.concat.reference, mo.concat.total].join('\u0000');
    return reassembly.add(key, gw.config.moReassemblyMs, { total: mo.concat.total, seq: mo.concat.seq, text: mo.text }, store);
  };

  return {
    async handle(gw, pdu) {
      const parsed = parseDeliverSm(pdu, gw.config.receiptStatusMap);
      if (parsed.kind === 'receipt') await receipt(gw, parsed.receipt);
      else if (parsed.kind === 'mo') await reply(gw, parsed.mo);
      // Answered OK all the same: refusing would only make the SMSC deliver it again, forever.
      else deps.log.warn({ gateway: gw.row.name, reason: parsed.reason }, 'deliver_sm not usable; acknowledged and dropped');
      return ESME_ROK;
    },
    async flush() {
      for (const timer of rechecks) clearTimeout(timer);
      rechecks.clear();
      await reassembly.flushAll();
    },
  };
}
