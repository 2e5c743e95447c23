import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneCountry } from '../src/phone.js';

describe('normalizePhone', () => {
  const valid: Array<{ e164: string; country: string; spellings: Array<[string, string?]> }> = [
    {
      e164: '+447400123456',
      country: 'GB',
      spellings: [
        ['+44 7400 123456'],
        ['+44 (0)7400 123456'],
        ['+44.7400.123456'],
        ['0044 7400 123456'],
        ['447400123456'],
        ['07400 123456', 'GB'],
        ['07400-123-456', 'gb'],
        ['447400123456', 'GB'],
        ['+447400123456', 'US'],
      ],
    },
    {
      e164: '+12025550123',
      country: 'US',
      spellings: [
        ['+1 202 555 0123'],
        ['(202) 555-0123', 'US'],
        ['202.555.0123', 'US'],
        ['1 202 555 0123', 'US'],
        ['12025550123'],
        ['001 202 555 0123'],
      ],
    },
    {
      e164: '+4915123456789',
      country: 'DE',
      spellings: [['+49 1512 3456789'], ['01512 3456789', 'DE'], ['0049 1512 3456789'], ['4915123456789']],
    },
    {
      e164: '+61412345678',
      country: 'AU',
      spellings: [['+61 412 345 678'], ['0412 345 678', 'AU'], ['61412345678'], ['0061 412 345 678']],
    },
    {
      e164: '+2348031234567',
      country: 'NG',
      spellings: [['+234 803 123 4567'], ['0803 123 4567', 'NG'], ['2348031234567'], ['00234 803 123 4567']],
    },
  ];

  for (const { e164, country, spellings } of valid) {
    it.each(spellings)(`%s (default %s) → ${e164}`, (input, defaultCountry) => {
      expect(normalizePhone(input, defaultCountry)).toEqual({ ok: true, e164, country });
    });
  }

  it('reports non-geographic numbers without a country', () => {
    expect(normalizePhone('+800 1234 5678')).toEqual({ ok: true, e164: '+80012345678', country: undefined });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['+44 7400 ABC456', 'letters'],
    ['1-800-FLOWERS', 'letters'],
    ['+44 7400 123456 ext. 12', 'letters'],
    ['+1 202 555 0123#1', 'digits'],
    ['+1 202 555 0123;1', 'digits'],
    ['44+7400123456', 'digits'],
    ['+12', 'too short'],
    ['+44 7400', 'short'],
    ['+44 7400 123456 789 012', 'too long'],
    ['9'.repeat(100), 'too long'],
    ['07400 123456', 'default country'],
    ['+999 1234 5678', 'country calling code'],
    ['+44 7700 900123', 'not a valid number'],
    ['+1 555 555 5555', 'not a valid number'],
  ])('rejects %j (%s)', (input, reasonPart) => {
    const result = normalizePhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reasonPart);
  });

  it('rejects an unknown default country', () => {
    expect(normalizePhone('07400 123456', 'XX')).toEqual({ ok: false, reason: 'unknown default country "XX"' });
    expect(normalizePhone('07400 123456', '__proto__').ok).toBe(false);
  });

  it.each(['__proto__', 'constructor', 'toString', '+', '++44', '()', '00', '0', '+0000000000', '\u0000', '٠١٢٣٤٥٦٧٨٩', '😀'])(
    'never throws on %j',
    (input) => {
      expect(() => normalizePhone(input)).not.toThrow();
      expect(() => normalizePhone(input, 'GB')).not.toThrow();
      expect(normalizePhone(input).ok).toBe(false);
    },
  );

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.option(fc.constantFrom('GB', 'US', 'de', '__proto__', '')),
        (input, country) => {
          const result = normalizePhone(input, country ?? undefined);
          if (result.ok) expect(result.e164).toMatch(/^\+[1-9][0-9]{1,14}$/);
          else expect(result.reason).not.toBe('');
        },
      ),
    );
  });

  it('gives the same answer for every digit-and-space spelling of a valid number', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '-', '.'), { minLength: 11, maxLength: 11 }), (seps) => {
        const digits = '447400123456';
        const spelled = `+${[...digits].map((d, i) => d + (seps[i] ?? '')).join('')}`;
        expect(normalizePhone(spelled)).toEqual({ ok: true, e164: '+447400123456', country: 'GB' });
      }),
    );
  });
});

describe('phoneCountry', () => {
  it.each([
    ['+447400123456', 'GB'],
    ['+12025550123', 'US'],
    ['+14165550123', 'CA'],
    ['+4915123456789', 'DE'],
    ['+61412345678', 'AU'],
    ['+2348031234567', 'NG'],
    ['+441624123456', 'IM'],
    ['+80012345678', undefined],
    ['447400123456', undefined],
    ['+44 7400 123456', undefined],
    ['', undefined],
    ['__proto__', undefined],
  ])('%j → %s', (e164, country) => {
    expect(phoneCountry(e164)).toBe(country);
  });
});
