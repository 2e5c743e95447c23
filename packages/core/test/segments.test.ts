import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7 } from '../src/segments.js';

const a = (n: number): string => 'a'.repeat(n);
const EMOJI = '😀';

describe('countSegments', () => {
  const cases: Array<{ name: string; content: string; encoding: 'gsm7' | 'ucs2'; units: number; segments: number; perSegment: number }> = [
    { name: 'empty', content: '', encoding: 'gsm7', units: 0, segments: 0, perSegment: 160 },
    { name: 'one char', content: 'a', encoding: 'gsm7', units: 1, segments: 1, perSegment: 160 },
    { name: 'exactly 160', content: a(160), encoding: 'gsm7', units: 160, segments: 1, perSegment: 160 },
    { name: '161', content: a(161), encoding: 'gsm7', units: 161, segments: 2, perSegment: 153 },
    { name: '306', content: a(306), encoding: 'gsm7', units: 306, segments: 2, perSegment: 153 },
    { name: '307', content: a(307), encoding: 'gsm7', units: 307, segments: 3, perSegment: 153 },
    { name: '459', content: a(459), encoding: 'gsm7', units: 459, segments: 3, perSegment: 153 },
    { name: '€ costs two septets', content: '€', encoding: 'gsm7', units: 2, segments: 1, perSegment: 160 },
    { name: '80 € fill one segment', content: '€'.repeat(80), encoding: 'gsm7', units: 160, segments: 1, perSegment: 160 },
    { name: '159 + € spills', content: a(159) + '€', encoding: 'gsm7', units: 161, segments: 2, perSegment: 153 },
    { name: 'extension table', content: '^{}[]~|€\\\f', encoding: 'gsm7', units: 20, segments: 1, perSegment: 160 },
    {
      name: 'extension char not split at boundary',
      content: a(152) + '€' + a(152),
      encoding: 'gsm7',
      units: 306,
      segments: 3,
      perSegment: 153,
    },
    {
      name: 'extension char that fits the boundary',
      content: a(151) + '€' + a(153),
      encoding: 'gsm7',
      units: 306,
      segments: 2,
      perSegment: 153,
    },
    { name: 'Ç is GSM basic', content: 'Ç', encoding: 'gsm7', units: 1, segments: 1, perSegment: 160 },
    { name: 'ç is not GSM', content: 'ç', encoding: 'ucs2', units: 1, segments: 1, perSegment: 70 },
    { name: 'LF and CR are basic', content: 'a\nb\rc', encoding: 'gsm7', units: 5, segments: 1, perSegment: 160 },
    { name: 'exactly 70 UCS-2', content: 'ç' + a(69), encoding: 'ucs2', units: 70, segments: 1, perSegment: 70 },
    { name: '71 UCS-2', content: 'ç' + a(70), encoding: 'ucs2', units: 71, segments: 2, perSegment: 67 },
    { name: '134 UCS-2', content: 'ç' + a(133), encoding: 'ucs2', units: 134, segments: 2, perSegment: 67 },
    { name: '135 UCS-2', content: 'ç' + a(134), encoding: 'ucs2', units: 135, segments: 3, perSegment: 67 },
    { name: 'emoji is two units', content: EMOJI, encoding: 'ucs2', units: 2, segments: 1, perSegment: 70 },
    { name: '35 emoji fill one segment', content: EMOJI.repeat(35), encoding: 'ucs2', units: 70, segments: 1, perSegment: 70 },
    {
      name: 'surrogate pair not split at boundary',
      content: a(66) + EMOJI + a(66),
      encoding: 'ucs2',
      units: 134,
      segments: 3,
      perSegment: 67,
    },
    {
      name: 'surrogate pair that fits the boundary',
      content: a(65) + EMOJI + a(67),
      encoding: 'ucs2',
      units: 134,
      segments: 2,
      perSegment: 67,
    },
  ];

  it.each(cases)('$name', ({ content, encoding, units, segments, perSegment }) => {
    const info = countSegments(content);
    expect(info).toMatchObject({ encoding, units, segments, perSegment });
  });

  it('counts characters as code points and reports what is left', () => {
    expect(countSegments(`hi ${EMOJI}`)).toEqual({
      encoding: 'ucs2',
      characters: 4,
      units: 5,
      segments: 1,
      perSegment: 70,
      remaining: 65,
      nonGsmCharacters: [EMOJI],
    });
    expect(countSegments(a(161)).remaining).toBe(153 - 8);
    expect(countSegments('').remaining).toBe(160);
  });

  it('lists distinct non-GSM characters in order of first appearance', () => {
    expect(countSegments('ça va? ç, ü, «oui» ✓').nonGsmCharacters).toEqual(['ç', '«', '»', '✓']);
    expect(countSegments('Ça va? Ü').nonGsmCharacters).toEqual([]);
  });

  it('treats a lone surrogate as one UCS-2 unit', () => {
    expect(countSegments('\uD83D')).toMatchObject({ encoding: 'ucs2', units: 1, characters: 1 });
  });
});

describe('isGsm7', () => {
  it.each([
    ['', true],
    ['@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà', true],
    ['^{}[]~|€\\\f', true],
    ['ç', false],
    ['á', false],
    ['`', false],
    ['\u001b', false],
    ['\t', false],
    [EMOJI, false],
  ])('%j → %s', (content, expected) => {
    expect(isGsm7(content)).toBe(expected);
  });
});

describe('countSegments properties', () => {
  // Mix GSM basic, extension, BMP non-GSM and astral characters so boundaries get exercised.
  const smsChar = fc.oneof(
    fc.constantFrom('a', 'Z', ' ', 'é', 'Ç', '\n'),
    fc.constantFrom('€', '{', '\\', '~'),
    fc.constantFrom('ç', 'á', 'ж', '中'),
    fc.constantFrom(EMOJI, '𝄞'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const smsText = fc.array(smsChar, { maxLength: 400 }).map((chars) => chars.join(''));

  it('never decreases when a character is appended', () => {
    fc.assert(
      fc.property(smsText, smsChar, (text, char) => {
        expect(countSegments(text + char).segments).toBeGreaterThanOrEqual(countSegments(text).segments);
      }),
    );
  });

  it('fits its units into its segments', () => {
    fc.assert(
      fc.property(smsText, (text) => {
        const info = countSegments(text);
        expect(info.units).toBeLessThanOrEqual(info.segments * info.perSegment);
        expect(info.remaining).toBeGreaterThanOrEqual(0);
        expect(info.remaining).toBeLessThan(info.perSegment + (info.segments === 0 ? 1 : 0));
        expect(info.encoding === 'gsm7').toBe(isGsm7(text));
      }),
    );
  });

  it('matches the simple formula for ASCII letters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{0,800}$/), (text) => {
        const n = text.length;
        const expected = n === 0 ? 0 : n <= 160 ? 1 : Math.ceil(n / 153);
        expect(countSegments(text).segments).toBe(expected);
      }),
    );
  });
});
