/**
 * Segment ("parts") counting the way a real provider bills: GSM-7 160/153 septets with the
 * extension table costing two, UCS-2 70/67 UTF-16 code units. A character never straddles two
 * parts (an escape pair or a surrogate pair moves whole to the next part), which is why this
 * walks the text instead of dividing its length.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

/** Encoding a send is billed in. */
export type Encoding = 'gsm7' | 'ucs2';

/** True when every character of `text` exists in GSM-7 (basic or extension table). */
export function isGsm7(text: string): boolean {
  for (const ch of text) {
    if (!basic.has(ch) && !extended.has(ch)) return false;
  }
  return true;
}

function countUnits(costs: Iterable<number>, single: number, multi: number): number {
  const all = [...costs];
  const total = all.reduce((a, b) => a + b, 0);
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const cost of all) {
    if (used + cost > multi) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/**
 * Number of parts for `text`. `unicode` true forces UCS-2, false forces GSM-7 (characters outside
 * it are sent as `?`, one septet), undefined picks GSM-7 when the text fits it.
 */
export function countParts(text: string, unicode?: boolean): { parts: number; encoding: Encoding } {
  const encoding: Encoding = (unicode ?? !isGsm7(text)) ? 'ucs2' : 'gsm7';
  if (encoding === 'ucs2') {
    // Iterating by code point keeps a surrogate pair together; its cost is its two code units.
    const costs = Array.from(text, (ch) => ch.length);
    return { parts: countUnits(costs, 70, 67), encoding };
  }
  const costs = Array.from(text, (ch) => (extended.has(ch) ? 2 : 1));
  return { parts: countUnits(costs, 160, 153), encoding };
}
