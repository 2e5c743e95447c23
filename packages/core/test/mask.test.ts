import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, redactText } from '../src/mask.js';

describe('maskPhone', () => {
  it.each([
    ['+447400123456', '+4474******56'],
    ['+12025550123', '+1202*****23'],
    ['+4915123456789', '+4915*******89'],
    ['+2348031234567', '+2348*******67'],
    ['447400123456', '4474******56'],
    ['+1234567890', '+1234****90'],
    ['+123456789', '**********'],
    ['+6834001', '********'],
    ['+', '*'],
    ['', ''],
    ['+44 7400 123456', '***************'],
    ['not a number', '************'],
  ])('%j → %j', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('never shows more than 6 digits, nor the middle of the number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{0,20}$/), (input) => {
        const masked = maskPhone(input);
        expect(masked).toHaveLength(input.length);
        expect(masked.replace(/[^0-9]/g, '').length).toBeLessThanOrEqual(6);
        expect(masked.replace(/[^0-9]/g, '').length).toBeLessThan(input.replace(/[^0-9]/g, '').length || 1);
      }),
    );
  });
});

describe('redactText', () => {
  it.each([
    ['', '[redacted 0 chars]'],
    ['hello', '[redacted 5 chars]'],
    ['Zoë 😀', '[redacted 5 chars]'],
  ])('%j → %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});
