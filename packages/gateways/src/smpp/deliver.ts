import type { ReportStatus } from '@smsgw/core';
import { decodedText, num, str, type DecodedText, type Pdu } from './lib.js';

/**
 * What a deliver_sm carries: a delivery receipt for something we sent, or a message from a phone
 * (an inbound reply). Receipts are told apart by esm_class (MC delivery receipt, intermediate
 * notification) or the receipted_message_id TLV; everything else is a reply.
 */

export interface ParsedReceipt {
  /** The SMSC's id of the submitted message: the TLV when present, else the text's `id:`. */
  gatewayMessageId: string;
  status: ReportStatus | undefined;
  /** The SMSC's own word (`DELIVRD`, `UNDELIV`…) or message_state name. */
  providerStatus: string;
  errorCode: string | undefined;
  /** `done date`, read as UTC (receipts carry no zone). */
  at: Date | undefined;
  text: string | undefined;
}

export interface ConcatInfo {
  reference: number;
  total: number;
  seq: number;
}

export interface ParsedMo {
  from: string;
  to: string | undefined;
  text: string;
  /** Set when this deliver_sm is one part of a long message. */
  concat: ConcatInfo | undefined;
  dataCoding: number;
}

export type Inbound = { kind: 'receipt'; receipt: ParsedReceipt } | { kind: 'mo'; mo: ParsedMo } | { kind: 'unreadable'; reason: string };

/** Receipt words and message_state names (SMPP 5.0 §4.8.4.37) → our report statuses. */
const STANDARD_WORDS: Readonly<Record<string, ReportStatus | undefined>> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'failed',
  UNDELIV: 'failed',
  UNDELIVERABLE: 'failed',
  REJECTD: 'failed',
  REJECTED: 'failed',
  SKIPPED: 'failed',
  ACCEPTD: 'accepted',
  ACCEPTED: 'accepted',
  ENROUTE: 'sent',
  BUFFRED: 'buffered',
  BUFFERED: 'buffered',
  UNKNOWN: undefined,
};
const MESSAGE_STATES = [
  'SCHEDULED',
  'ENROUTE',
  'DELIVERED',
  'EXPIRED',
  'DELETED',
  'UNDELIVERABLE',
  'ACCEPTED',
  'UNKNOWN',
  'REJECTED',
  'SKIPPED',
];

const ESM_TYPE_MASK = 0x3c;
const ESM_RECEIPT = 0x04;
const ESM_INTERMEDIATE = 0x20;

function textOf(d: DecodedText | undefined): string | undefined {
  if (!d) return undefined;
  if (d.text !== undefined) return d.text;
  // A coding the package does not know: keep the octets readable rather than drop the message.
  return d.bytes?.toString('latin1');
}

/** `YYMMDDhhmm[ss]` as UTC. */
export function parseReceiptDate(value: string | undefined): Date | undefined {
  const m = value?.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/);
  if (!m) return undefined;
  const [, yy, mo, dd, hh, mi, ss] = m;
  const at = new Date(Date.UTC(2000 + Number(yy), Number(mo) - 1, Number(dd), Number(hh), Number(mi), Number(ss ?? 0)));
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The fields of the de-facto receipt text (SMPP 3.4 Appendix B): `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…`. */
export function parseReceiptText(text: string): { id?: string; stat?: string; err?: string; doneDate?: string } {
  const field = (name: string) => text.match(new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i'))?.[1];
  const out: { id?: string; stat?: string; err?: string; doneDate?: string } = {};
  const id = field('id');
  const stat = field('stat');
  const err = field('err');
  const done = field('done date');
  if (id !== undefined) out.id = id;
  if (stat !== undefined) out.stat = stat.toUpperCase();
  if (err !== undefined) out.err = err;
  if (done !== undefined) out.doneDate = done;
  return out;
}

function networkError(pdu: Pdu): string | undefined {
  const v = pdu['network_error_code'];
  if (!Buffer.isBuffer(v) || v.length !== 3) return undefined;
  return `${v.readUInt8(0)}:${v.readUInt16BE(1)}`;
}

function receiptOf(pdu: Pdu, statusMap: Readonly<Record<string, ReportStatus>>): Inbound {
  const text = textOf(decodedText(pdu, 'short_message')) || textOf(decodedText(pdu, 'message_payload'));
  const fields = text ? parseReceiptText(text) : {};
  const id = str(pdu, 'receipted_message_id') || fields.id;
  if (!id) return { kind: 'unreadable', reason: 'delivery receipt without a message id' };
  const state = num(pdu, 'message_state');
  const stateName = state === undefined ? undefined : MESSAGE_STATES[state];
  const word = (w: string | undefined): ReportStatus | undefined => (w === undefined ? undefined : (statusMap[w] ?? STANDARD_WORDS[w]));
  // The TLV is structured and standard, the text is a convention: the TLV wins when both are present.
  const status = stateName !== undefined ? (word(stateName) ?? word(fields.stat)) : word(fields.stat);
  const errorCode = fields.err !== undefined && !/^0+$/.test(fields.err) ? fields.err : networkError(pdu);
  return {
    kind: 'receipt',
    receipt: {
      gatewayMessageId: id,
      status,
      providerStatus: fields.stat ?? stateName ?? 'UNKNOWN',
      errorCode,
      at: parseReceiptDate(fields.doneDate),
      text,
    },
  };
}

/** `+` and digits for an international number (TON 1); the address as sent otherwise. */
function address(addr: string | undefined, ton: number | undefined): string | undefined {
  if (addr === undefined || addr === '') return undefined;
  return ton === 1 && /^\d+$/.test(addr) ? `+${addr}` : addr;
}

/** The concatenation element of a UDH (8- or 16-bit reference), if any. */
export function concatOf(udh: readonly Buffer[]): ConcatInfo | undefined {
  for (const ie of udh) {
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5)
      return { reference: ie.readUInt8(2), total: ie.readUInt8(3), seq: ie.readUInt8(4) };
    if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6)
      return { reference: ie.readUInt16BE(2), total: ie.readUInt8(4), seq: ie.readUInt8(5) };
  }
  return undefined;
}

/** Sorts a deliver_sm into receipt, inbound reply, or something it cannot use. */
export function parseDeliverSm(pdu: Pdu, statusMap: Readonly<Record<string, ReportStatus>> = {}): Inbound {
  const esmType = (num(pdu, 'esm_class') ?? 0) & ESM_TYPE_MASK;
  if (esmType === ESM_RECEIPT || esmType === ESM_INTERMEDIATE || str(pdu, 'receipted_message_id')) return receiptOf(pdu, statusMap);
  const from = address(str(pdu, 'source_addr'), num(pdu, 'source_addr_ton'));
  if (!from) return { kind: 'unreadable', reason: 'inbound message without a sender' };
  const short = decodedText(pdu, 'short_message');
  const payload = decodedText(pdu, 'message_payload');
  const body = payload && (payload.text || payload.bytes?.length) ? payload : short;
  const concat = concatOf(body?.udh ?? []);
  const mo: ParsedMo = {
    from,
    to: address(str(pdu, 'destination_addr'), num(pdu, 'dest_addr_ton')),
    text: textOf(body) ?? '',
    concat: concat && concat.total > 1 ? concat : undefined,
    dataCoding: num(pdu, 'data_coding') ?? 0,
  };
  return { kind: 'mo', mo };
}
