import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7 } from '../src/segments.js';
import { hasLookalike, replaceLookalikes, smartEncode, smartEncodingRecord, smartEncodingTable } from '../src/smart-encoding.js';

// Every GSM-7 character: the basic table sits below U+0400 except for the Greek capitals, and
// the extension table adds €. Scanning finds them without copying segments.ts's table.
const GSM = [...Array.from({ length: 0x400 }, (_, i) => String.fromCodePoint(i)), '€'].filter((c) => isGsm7(c));
const LOOKALIKES = smartEncodingTable().map(([from]) => from);

const gsmChar = fc.constantFrom(...GSM);
const lookalike = fc.constantFrom(...LOOKALIKES);
/** Text whose only non-GSM characters have look-alikes. */
const fixable = fc
  .array(fc.oneof({ weight: 3, arbitrary: gsmChar }, { weight: 1, arbitrary: lookalike }), { maxLength: 400 })
  .map((a) => a.join(''));

describe('the table', () => {
  it('replaces characters GSM-7 lacks, with GSM-7 text', () => {
    for (const [from, to] of smartEncodingTable()) {
      expect(Array.from(from), `${from} is one code point`).toHaveLength(1);
      expect(isGsm7(from), `U+${from.codePointAt(0)?.toString(16)} is not GSM-7`).toBe(false);
      expect(isGsm7(to), `${JSON.stringify(to)} is GSM-7`).toBe(true);
    }
  });

  it('covers what the issue names: curly quotes, dashes, non-breaking spaces, ellipsis', () => {
    const { text } = replaceLookalikes('\u201CIt\u2019s\u00A0done\u201D \u2013 really\u2014yes\u2026');
    expect(text).toBe('"It\'s done" - really-yes...');
  });
});

describe('replaceLookalikes', () => {
  it('gives GSM-7 whenever the only non-GSM characters of the input are in the table', () => {
    fc.assert(
      fc.property(fixable, (text) => {
        expect(isGsm7(replaceLookalikes(text).text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves GSM-7 text alone, and everything without a look-alike', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const { text: out, replacements } = replaceLookalikes(text);
        if (isGsm7(text)) expect(out).toBe(text);
        const kept = Array.from(text).filter((c) => !hasLookalike(c));
        expect(Array.from(out).filter((c) => !GSM.includes(c))).toEqual(kept.filter((c) => !GSM.includes(c)));
        expect(replacements.reduce((n, r) => n + r.count, 0)).toBe(Array.from(text).filter(hasLookalike).length);
      }),
      { numRuns: 300 },
    );
  });

  it('counts each replaced character, in order of first appearance, with its code point', () => {
    expect(replaceLookalikes('\u2019a\u2019\u200B').replacements).toEqual([
      { char: '\u2019', codePoint: 'U+2019', with: "'", count: 2 },
      { char: '\u200B', codePoint: 'U+200B', with: '', count: 1 },
    ]);
  });
});

describe('smartEncode', () => {
  it('turns a UCS-2 message with curly quotes into a GSM-7 one with fewer segments', () => {
    const content = `\u201CHello\u201D \u2013 ${'a'.repeat(100)}`;
    const result = smartEncode(content);
    expect(result).toMatchObject({ applied: true, skipped: undefined, content: `"Hello" - ${'a'.repeat(100)}` });
    expect([result.before.encoding, result.before.segments]).toEqual(['ucs2', 2]);
    expect([result.after.encoding, result.after.segments]).toEqual(['gsm7', 1]);
    expect(smartEncodingRecord(result)).toEqual({
      replacements: [
        { char: '\u201C', codePoint: 'U+201C', with: '"', count: 1 },
        { char: '\u201D', codePoint: 'U+201D', with: '"', count: 1 },
        { char: '\u2013', codePoint: 'U+2013', with: '-', count: 1 },
      ],
      before: { encoding: 'ucs2', segments: 2 },
      after: { encoding: 'gsm7', segments: 1 },
    });
  });

  it.each([
    ['GSM-7 already', 'plain "text" - fine...', 'nothing_to_replace'],
    ['UCS-2 with nothing to replace', 'Привет', 'nothing_to_replace'],
    ['an emoji keeps it UCS-2: quotes are left as written', '\u201Chi\u201D 😀', 'still_ucs2'],
    ['more segments as GSM-7 (70 ellipses are 210 septets)', '\u2026'.repeat(70), 'more_segments'],
  ])('leaves the text alone: %s', (_what, content, skipped) => {
    const result = smartEncode(content);
    expect(result).toMatchObject({ applied: false, skipped, content, replacements: [] });
    expect(result.after).toBe(result.before);
  });

  it('never costs more segments, and when it applies the result is GSM-7', () => {
    const any = fc.oneof(
      fixable,
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fixable.map((s) => `${s}😀`),
    );
    fc.assert(
      fc.property(any, (text) => {
        const result = smartEncode(text);
        expect(result.after.segments).toBeLessThanOrEqual(result.before.segments);
        expect(result.after).toEqual(countSegments(result.content));
        if (result.applied) expect(result.after.encoding).toBe('gsm7');
        else expect(result.content).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('applies to every UCS-2 text made of GSM-7 and look-alikes that does not grow', () => {
    fc.assert(
      fc.property(fixable, (text) => {
        const before = countSegments(text);
        const result = smartEncode(text, before);
        const grows = countSegments(replaceLookalikes(text).text).segments > before.segments;
        expect(result.applied).toBe(before.encoding === 'ucs2' && !grows);
      }),
      { numRuns: 500 },
    );
  });
});
