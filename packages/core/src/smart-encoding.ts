import { countSegments, type Encoding, type SegmentInfo } from './segments.js';

/**
 * Smart encoding: characters that force a whole message into UCS-2 (70 characters a segment
 * instead of 160) although GSM-7 has a character that looks the same. Word processors and
 * phones put them in without the writer noticing — a curly apostrophe, an en dash, a
 * non-breaking space — and one of them more than doubles the price of a message.
 *
 * The table only holds look-alikes: replacing one never changes what the reader understands.
 * Letters with accents GSM-7 lacks (á, ć…) are not look-alikes and are left alone.
 */

/** Each character, with the GSM-7 text that replaces it ('' for characters nobody sees). */
const TABLE: ReadonlyArray<readonly [string, string]> = [
  // Single quotes, apostrophes and primes. The backtick and acute accent are ASCII / Latin-1
  // but not GSM-7, and people type them as apostrophes.
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201A', "'"],
  ['\u201B', "'"],
  ['\u2032', "'"],
  ['\u2035', "'"],
  ['\u02B9', "'"],
  ['\u02BB', "'"],
  ['\u02BC', "'"],
  ['\u02BD', "'"],
  ['\u2039', "'"],
  ['\u203A', "'"],
  ['\uFF07', "'"],
  ['`', "'"],
  ['\u00B4', "'"],
  // Double quotes and guillemets.
  ['\u201C', '"'],
  ['\u201D', '"'],
  ['\u201E', '"'],
  ['\u201F', '"'],
  ['\u2033', '"'],
  ['\u2036', '"'],
  ['\u02BA', '"'],
  ['\u02EE', '"'],
  ['\u00AB', '"'],
  ['\u00BB', '"'],
  ['\uFF02', '"'],
  // Hyphens, dashes and minus signs.
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2012', '-'],
  ['\u2013', '-'],
  ['\u2014', '-'],
  ['\u2015', '-'],
  ['\u2212', '-'],
  ['\uFE58', '-'],
  ['\uFE63', '-'],
  ['\uFF0D', '-'],
  // Spaces: no-break, typographic widths, ideographic; a tab reads as a space on a phone.
  ['\u00A0', ' '],
  ['\u2000', ' '],
  ['\u2001', ' '],
  ['\u2002', ' '],
  ['\u2003', ' '],
  ['\u2004', ' '],
  ['\u2005', ' '],
  ['\u2006', ' '],
  ['\u2007', ' '],
  ['\u2008', ' '],
  ['\u2009', ' '],
  ['\u200A', ' '],
  ['\u202F', ' '],
  ['\u205F', ' '],
  ['\u3000', ' '],
  ['\t', ' '],
  // Line and paragraph separators are line breaks.
  ['\u2028', '\n'],
  ['\u2029', '\n'],
  // Invisible: soft hyphen, zero-width space, word joiner, byte-order mark.
  ['\u00AD', ''],
  ['\u200B', ''],
  ['\u2060', ''],
  ['\uFEFF', ''],
  // Dots and slashes.
  ['\u2026', '...'],
  ['\u2024', '.'],
  ['\u2044', '/'],
  ['\u2215', '/'],
  // Look-alikes of GSM-7's extension characters (two septets each, still far cheaper than UCS-2).
  ['\u02C6', '^'],
  ['\u02DC', '~'],
  ['\u00A6', '|'],
];

const REPLACEMENTS: ReadonlyMap<string, string> = new Map(TABLE);

/** The smart-encoding table as [character, replacement] pairs (a copy), for documentation and tests. */
export function smartEncodingTable(): Array<[string, string]> {
  return TABLE.map(([from, to]) => [from, to]);
}

/** True when smart encoding has a GSM-7 look-alike for the character (one code point). */
export function hasLookalike(char: string): boolean {
  return REPLACEMENTS.has(char);
}

export interface Replacement {
  /** The character replaced. */
  char: string;
  /** Its code point, `U+2019`: readable where the character itself is invisible. */
  codePoint: string;
  /** What replaced it ('' when it was removed). */
  with: string;
  /** How many times it occurred. */
  count: number;
}

const codePointOf = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Replaces every look-alike of the table in `text`, leaving everything else as it is. When the
 * only characters of `text` that GSM-7 lacks are in the table, the result is GSM-7.
 *
 * @returns the new text and the replacements made, in order of first appearance
 */
export function replaceLookalikes(text: string): { text: string; replacements: Replacement[] } {
  const counts = new Map<string, number>();
  let out = '';
  for (const char of text) {
    const replacement = REPLACEMENTS.get(char);
    if (replacement === undefined) {
      out += char;
      continue;
    }
    out += replacement;
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  const replacements = [...counts].map(([char, count]) => ({
    char,
    codePoint: codePointOf(char),
    with: REPLACEMENTS.get(char) ?? '',
    count,
  }));
  return { text: out, replacements };
}

/**
 * Why smart encoding left a text alone: it is GSM-7 already (or nothing in it has a look-alike),
 * a character without a look-alike keeps it UCS-2 anyway (an emoji), or the GSM-7 text would
 * need more segments (many `…` becoming `...`).
 */
export type SmartEncodingSkip = 'nothing_to_replace' | 'still_ucs2' | 'more_segments';

export interface SmartEncoding {
  applied: boolean;
  skipped: SmartEncodingSkip | undefined;
  /** The text to send: the replaced one when applied, the original otherwise. */
  content: string;
  before: SegmentInfo;
  /** The segments of `content` (the same as `before` when not applied). */
  after: SegmentInfo;
  /** The replacements made; empty when not applied. */
  replacements: Replacement[];
}

/**
 * Applies smart encoding when it pays: only when the whole text becomes GSM-7 and needs no more
 * segments than before. Replacing curly quotes in a text that stays UCS-2 (because of an emoji)
 * would change the text and save nothing, so it is all or nothing. Pure CPU: the accept path
 * runs it on every message that asks for it.
 *
 * @param content - the message text
 * @param before - its segment count, when the caller has it already
 */
export function smartEncode(content: string, before: SegmentInfo = countSegments(content)): SmartEncoding {
  const unchanged = (skipped: SmartEncodingSkip): SmartEncoding => ({
    applied: false,
    skipped,
    content,
    before,
    after: before,
    replacements: [],
  });
  if (before.encoding === 'gsm7') return unchanged('nothing_to_replace');
  // Cheap refusal first: nonGsmCharacters is the distinct list, usually a handful.
  if (!before.nonGsmCharacters.some(hasLookalike)) return unchanged('nothing_to_replace');
  if (!before.nonGsmCharacters.every(hasLookalike)) return unchanged('still_ucs2');
  const { text, replacements } = replaceLookalikes(content);
  const after = countSegments(text);
  if (after.segments > before.segments) return unchanged('more_segments');
  return { applied: true, skipped: undefined, content: text, before, after, replacements };
}

/** What a message records about its smart encoding (kept small: it travels in webhooks). */
export interface SmartEncodingRecord {
  replacements: Replacement[];
  before: { encoding: Encoding; segments: number };
  after: { encoding: Encoding; segments: number };
}

/** The record of an applied smart encoding. */
export function smartEncodingRecord(result: SmartEncoding): SmartEncodingRecord {
  return {
    replacements: result.replacements,
    before: { encoding: result.before.encoding, segments: result.before.segments },
    after: { encoding: result.after.encoding, segments: result.after.segments },
  };
}
