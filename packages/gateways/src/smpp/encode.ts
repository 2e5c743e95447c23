import { isGsm7, type Encoding } from '@smsgw/core';
import { gatewayConfigError } from '../errors.js';
import type { SmppGatewayConfig } from './schema.js';

/**
 * Turns a message into submit_sm fields. The bytes are built here, not by the smpp package's text
 * codecs: its detection would pick Latin-1 or ASCII for text we counted as GSM-7, and its parts
 * would not be the parts we billed. Splitting follows core's countSegments exactly (160/153
 * septets, 70/67 UTF-16 units, an escape pair or a surrogate pair never split across parts), so
 * the number of parts sent is the `segments` stored on the message.
 */

/** GSM 03.38 default alphabet by code (0x1B is the escape to the extension table). */
const GSM7_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION: Readonly<Record<string, number>> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};
const GSM7_CODES = new Map<string, number>([...GSM7_TABLE].map((c, i) => [c, i] as const).filter(([c]) => c !== '\u001b'));
const ESCAPE = 0x1b;

const LIMITS = { gsm7: { single: 160, multi: 153 }, ucs2: { single: 70, multi: 67 } } as const;

/** Septets (GSM-7) or UTF-16 code units (UCS-2) a character costs. */
function cost(char: string, encoding: Encoding): number {
  if (encoding === 'ucs2') return char.length;
  return GSM7_EXTENSION[char] !== undefined ? 2 : 1;
}

/**
 * The text of each part: one part when the whole fits a single SMS, otherwise greedy packing at
 * the multipart capacity (the same packing as core's countSegments, so the counts agree).
 */
export function splitParts(content: string, encoding: Encoding): string[] {
  const chars = Array.from(content);
  const { single, multi } = LIMITS[encoding];
  const total = chars.reduce((sum, c) => sum + cost(c, encoding), 0);
  if (total <= single) return [content];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const c = cost(char, encoding);
    if (used + c > multi) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += c;
  }
  parts.push(current);
  return parts;
}

/** Unpacked GSM 03.38: one septet per octet, extension characters as escape + code. */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const ext = GSM7_EXTENSION[char];
    if (ext !== undefined) out.push(ESCAPE, ext);
    else {
      const code = GSM7_CODES.get(char);
      if (code === undefined) throw new Error('character outside the GSM 03.38 alphabet');
      out.push(code);
    }
  }
  return Buffer.from(out);
}

/** UCS-2 as SMS carries it: UTF-16 big-endian code units (an emoji is its surrogate pair). */
export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** The concatenation header: IEI 0x00 (8-bit reference), total parts, this part (1-based). */
export function concatUdh(reference: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, seq]);
}

export interface Address {
  ton: number;
  npi: number;
  addr: string;
}

/**
 * The source address: the config's TON/NPI when it sets them, otherwise by the sender's form:
 * `+` and digits is international/ISDN, digits alone unknown/ISDN (short codes, national
 * numbers), anything else alphanumeric. No sender leaves it to the SMSC (empty, 0/0).
 */
export function sourceAddress(cfg: SmppGatewayConfig, from: string | undefined): Address {
  if (from === undefined || from === '') return { ton: cfg.source.ton ?? 0, npi: cfg.source.npi ?? 0, addr: '' };
  const international = /^\+\d+$/.test(from);
  const auto = international ? { ton: 1, npi: 1 } : /^\d+$/.test(from) ? { ton: 0, npi: 1 } : { ton: 5, npi: 0 };
  return { ton: cfg.source.ton ?? auto.ton, npi: cfg.source.npi ?? auto.npi, addr: international ? from.slice(1) : from };
}

export function destinationAddress(cfg: SmppGatewayConfig, to: string): Address {
  return { ton: cfg.destination.ton, npi: cfg.destination.npi, addr: to.startsWith('+') ? to.slice(1) : to };
}

export interface OutboundMessage {
  to: string;
  from: string | undefined;
  content: string;
  encoding: Encoding;
  segments: number;
  validUntil?: Date | null | undefined;
}

export interface SubmitPlan {
  /** submit_sm fields per PDU, in sending order (one PDU unless split with a UDH). */
  pdus: Record<string, unknown>[];
  encoding: Encoding;
  /** Parts the handset receives (what the message is billed as). */
  segments: number;
}

/** SMPP address fields are C-octet strings of at most 20 characters. */
const MAX_ADDRESS = 20;

/**
 * The submit_sm PDUs for one message. Throws a GatewayError (the gateway's fault: another
 * gateway of the route may do better) for UCS-2 on a GSM-only SMSC, too many parts, or an
 * address the protocol cannot carry. `reference` is the concatenation reference (8 bits).
 */
export function planSubmit(cfg: SmppGatewayConfig, m: OutboundMessage, reference: number): SubmitPlan {
  // The stored encoding decided the segments; content that GSM-7 cannot carry goes as UCS-2 anyway.
  const encoding: Encoding = m.encoding === 'gsm7' && isGsm7(m.content) ? 'gsm7' : 'ucs2';
  if (encoding === 'ucs2' && !cfg.unicode)
    throw gatewayConfigError('unicode_not_supported', 'This gateway cannot send Unicode (UCS-2) content');
  const src = sourceAddress(cfg, m.from);
  const dst = destinationAddress(cfg, m.to);
  if (src.addr.length > MAX_ADDRESS || dst.addr.length > MAX_ADDRESS) {
    throw gatewayConfigError('gateway_template_error', 'An SMPP address holds at most 20 characters');
  }
  const encode = encoding === 'gsm7' ? encodeGsm7 : encodeUcs2;
  const texts = splitParts(m.content, encoding);
  const segments = texts.length;
  if (cfg.maxSegments !== undefined && segments > cfg.maxSegments) {
    throw gatewayConfigError('too_many_segments', `This gateway sends at most ${cfg.maxSegments} segments per message`);
  }
  const common: Record<string, unknown> = {
    service_type: cfg.serviceType,
    source_addr_ton: src.ton,
    source_addr_npi: src.npi,
    source_addr: src.addr,
    dest_addr_ton: dst.ton,
    dest_addr_npi: dst.npi,
    destination_addr: dst.addr,
    registered_delivery: cfg.registeredDelivery ? 1 : 0,
    data_coding: encoding === 'gsm7' ? cfg.dataCoding.gsm7 : cfg.dataCoding.ucs2,
    esm_class: 0,
  };
  // An absolute validity period: the SMSC gives up when the message's own deadline passes.
  if (m.validUntil && m.validUntil.getTime() > Date.now()) common['validity_period'] = m.validUntil;
  if (segments === 1) return { pdus: [{ ...common, short_message: encode(m.content) }], encoding, segments };
  if (cfg.longMessages === 'payload') {
    // One PDU; the SMSC splits it. short_message must then be empty (SMPP 3.4 §5.3.2.32).
    return { pdus: [{ ...common, short_message: Buffer.alloc(0), message_payload: encode(m.content) }], encoding, segments };
  }
  const pdus = texts.map((text, i) => ({
    ...common,
    esm_class: 0x40,
    short_message: Buffer.concat([concatUdh(reference, segments, i + 1), encode(text)]),
  }));
  return { pdus, encoding, segments };
}
