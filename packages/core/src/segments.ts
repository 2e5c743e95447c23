/**
 * SMS segment counting (GSM 03.38 / 3GPP TS 23.038).
 *
 * A message is sent as GSM-7 when every character is in the basic or extension table, otherwise
 * as UCS-2. A single-part message holds 160 septets (GSM-7) or 70 UTF-16 code units (UCS-2); a
 * multipart message loses room to the concatenation header (UDH) and holds 153 or 67 per part.
 *
 * Multipart counts come from actually packing the message into parts, not from dividing by the
 * part size: an extension character (escape + char, 2 septets) and a surrogate pair (2 UTF-16
 * units) must travel in the same part, because a phone that receives half of either renders
 * garbage. So 152 basic characters, `€`, then 152 more (306 septets) need 3 parts, not the
 * ceil(306/153) = 2 that division gives: `€` does not fit in the 1 septet left in part one.
 * Likewise 66 BMP characters, an emoji, then 66 more (134 UTF-16 units) need 3 UCS-2 parts.
 */

export type Encoding = 'gsm7' | 'ucs2';

export interface SegmentInfo {
  encoding: Encoding;
  /** User-perceived characters, counted as Unicode code points. */
  characters: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** 160 or 153 for GSM-7, 70 or 67 for UCS-2: the capacity that applies to this message. */
  perSegment: number;
  /** Units left in the last segment (a whole single segment for empty content). */
  remaining: number;
  /** Distinct characters that forced UCS-2, in order of first appearance; empty for GSM-7. */
  nonGsmCharacters: string[];
}

const GSM7_SINGLE = 160;
const GSM7_MULTI = 153;
const UCS2_SINGLE = 70;
const UCS2_MULTI = 67;

/**
 * The GSM 03.38 default alphabet, in table order (0x00–0x7F). 0x1B is the escape to the
 * extension table, not a character of its own, so it is left out.
 */
const GSM7_BASIC_TABLE =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
  ' !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Characters reached through the escape (0x1B); each costs two septets. */
const GSM7_EXTENSION_TABLE = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC_TABLE);
const EXTENSION = new Set(GSM7_EXTENSION_TABLE);

/** Septets a code point costs in GSM-7, or 0 when GSM-7 cannot carry it. */
function septets(char: string): 0 | 1 | 2 {
  if (BASIC.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return 0;
}

/**
 * True when the whole content can be sent as GSM-7 (basic and extension tables only).
 *
 * @param content - message text
 */
export function isGsm7(content: string): boolean {
  for (const char of content) {
    if (septets(char) === 0) return false;
  }
  return true;
}

/**
 * Number of parts needed when each part holds `capacity` units and no character's units may be
 * split across a part boundary. Greedy packing is optimal here: every character must go in order.
 */
function packParts(costs: readonly number[], capacity: number): { parts: number; lastUsed: number } {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > capacity) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return { parts, lastUsed: used };
}

/**
 * Counts the SMS segments a message needs, choosing GSM-7 when possible and UCS-2 otherwise.
 * Multipart counts are computed by packing (see the module comment), so extension characters and
 * surrogate pairs never straddle a part boundary.
 *
 * @param content - message text; empty content takes 0 segments
 * @returns encoding, sizes, segment count and the characters that forced UCS-2
 */
export function countSegments(content: string): SegmentInfo {
  const chars = Array.from(content);
  const gsmCosts: number[] = [];
  const nonGsm: string[] = [];
  const seenNonGsm = new Set<string>();

  for (const char of chars) {
    const cost = septets(char);
    if (cost === 0) {
      if (!seenNonGsm.has(char)) {
        seenNonGsm.add(char);
        nonGsm.push(char);
      }
    } else {
      gsmCosts.push(cost);
    }
  }

  const encoding: Encoding = nonGsm.length === 0 ? 'gsm7' : 'ucs2';
  // A lone surrogate is its own code point of length 1, so char.length is the right UCS-2 cost.
  const costs = encoding === 'gsm7' ? gsmCosts : chars.map((char) => char.length);
  const single = encoding === 'gsm7' ? GSM7_SINGLE : UCS2_SINGLE;
  const multi = encoding === 'gsm7' ? GSM7_MULTI : UCS2_MULTI;
  const units = costs.reduce((sum, cost) => sum + cost, 0);

  const base = { encoding, characters: chars.length, units, nonGsmCharacters: nonGsm };
  if (units === 0) {
    return { ...base, segments: 0, perSegment: single, remaining: single };
  }
  if (units <= single) {
    return { ...base, segments: 1, perSegment: single, remaining: single - units };
  }
  const { parts, lastUsed } = packParts(costs, multi);
  return { ...base, segments: parts, perSegment: multi, remaining: multi - lastUsed };
}
