import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTimestamp } from '../../src/callbacks/timestamps.js';

const iso = (d: Date | undefined) => d?.toISOString();

describe('parseTimestamp: unix', () => {
  it('reads seconds, fractional seconds and milliseconds', () => {
    expect(iso(parseTimestamp('1700000000', 'unix'))).toBe('2023-11-14T22:13:20.000Z');
    expect(iso(parseTimestamp(' 1700000000.25 ', 'unix'))).toBe('2023-11-14T22:13:20.250Z');
    expect(iso(parseTimestamp('1700000000123', 'unix_ms'))).toBe('2023-11-14T22:13:20.123Z');
    expect(iso(parseTimestamp('0', 'unix'))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('refuses garbage, signs, exponents and values beyond the calendar', () => {
    for (const v of ['', 'abc', '-5', '1e9', '12.', '0x10', '1700000000,5', '9'.repeat(17)]) {
      expect(parseTimestamp(v, 'unix')).toBeUndefined();
    }
    expect(parseTimestamp('9999999999999999', 'unix')).toBeUndefined();
  });
});

describe('parseTimestamp: iso', () => {
  it('reads zoned and naive times, with T or a space, with fractions', () => {
    expect(iso(parseTimestamp('2024-03-01T10:20:30Z', 'iso'))).toBe('2024-03-01T10:20:30.000Z');
    expect(iso(parseTimestamp('2024-03-01T10:20:30.5+02:00', 'iso'))).toBe('2024-03-01T08:20:30.500Z');
    // Infobip writes the offset without a colon.
    expect(iso(parseTimestamp('2019-11-09T16:00:00.000+0000', 'iso'))).toBe('2019-11-09T16:00:00.000Z');
    expect(iso(parseTimestamp('2024-03-01 10:20:30', 'iso'))).toBe('2024-03-01T10:20:30.000Z');
    expect(iso(parseTimestamp('2024-03-01', 'iso'))).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(parseTimestamp('2024-03-01T10:20', 'iso'))).toBe('2024-03-01T10:20:00.000Z');
  });

  it('reads naive times in the configured zone, fixed or IANA (with DST)', () => {
    expect(iso(parseTimestamp('2024-03-01 10:20:30', 'iso', '+05:30'))).toBe('2024-03-01T04:50:30.000Z');
    expect(iso(parseTimestamp('2024-03-01 10:20:30', 'iso', '-0300'))).toBe('2024-03-01T13:20:30.000Z');
    expect(iso(parseTimestamp('2024-01-15 12:00:00', 'iso', 'Europe/Berlin'))).toBe('2024-01-15T11:00:00.000Z');
    expect(iso(parseTimestamp('2024-07-15 12:00:00', 'iso', 'Europe/Berlin'))).toBe('2024-07-15T10:00:00.000Z');
    expect(iso(parseTimestamp('2024-01-15 12:00:00', 'iso', 'Australia/Sydney'))).toBe('2024-01-15T01:00:00.000Z');
    // An explicit zone in the value wins over the configured one.
    expect(iso(parseTimestamp('2024-03-01T10:20:30Z', 'iso', '+05:30'))).toBe('2024-03-01T10:20:30.000Z');
  });

  it('gives undefined for an unknown zone rather than a wrong time', () => {
    expect(parseTimestamp('2024-03-01 10:20:30', 'iso', 'Mars/Olympus')).toBeUndefined();
    expect(parseTimestamp('2024-03-01 10:20:30', 'iso', '+25:00')).toBeUndefined();
  });

  it('refuses out-of-range fields instead of rolling them over', () => {
    for (const v of [
      '2024-02-30T00:00:00Z',
      '2023-02-29 00:00:00',
      '2024-13-01',
      '2024-00-10',
      '2024-01-01T24:00:00Z',
      '2024-01-01T10:60:00Z',
      '2024-01-01T10:00:60Z',
      '1969-12-31T23:59:59Z',
      '2024-01-01T10:00:00+99:00',
      'yesterday',
      '2024-1-1',
    ]) {
      expect(parseTimestamp(v, 'iso'), v).toBeUndefined();
    }
    expect(iso(parseTimestamp('2024-02-29 00:00:00', 'iso'))).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('parseTimestamp: strftime patterns', () => {
  it("reads SMS Global's %y%m%d%H%M", () => {
    expect(iso(parseTimestamp('1409021245', '%y%m%d%H%M'))).toBe('2014-09-02T12:45:00.000Z');
    expect(iso(parseTimestamp('1409021245', '%y%m%d%H%M', 'Australia/Sydney'))).toBe('2014-09-02T02:45:00.000Z');
  });

  it("reads Kannel's and Clickatell's shapes", () => {
    expect(iso(parseTimestamp('2024-03-01 10:20:30', '%Y-%m-%d %H:%M:%S'))).toBe('2024-03-01T10:20:30.000Z');
    expect(iso(parseTimestamp('01/03/2024 10:20', '%d/%m/%Y %H:%M'))).toBe('2024-03-01T10:20:00.000Z');
    expect(iso(parseTimestamp('20240301102030', '%Y%m%d%H%M%S'))).toBe('2024-03-01T10:20:30.000Z');
  });

  it('accepts one-digit fields only where a separator follows, like strptime', () => {
    expect(iso(parseTimestamp('1/3/2024 9:05', '%d/%m/%Y %H:%M'))).toBe('2024-03-01T09:05:00.000Z');
    expect(parseTimestamp('140902124', '%y%m%d%H%M')).toBeUndefined();
  });

  it('reads fractions, zones and literal percent signs', () => {
    expect(iso(parseTimestamp('2024-03-01 10:20:30.123 +0100', '%Y-%m-%d %H:%M:%S.%f %z'))).toBe('2024-03-01T09:20:30.123Z');
    expect(iso(parseTimestamp('100%2024', '100%%%Y'))).toBe('2024-01-01T00:00:00.000Z');
  });

  it('refuses mismatches, bad patterns and impossible dates', () => {
    expect(parseTimestamp('2024-03-01', '%Y/%m/%d')).toBeUndefined();
    expect(parseTimestamp('2024-03-01', '%Y-%m-%q')).toBeUndefined();
    expect(parseTimestamp('2024', '%Y%')).toBeUndefined();
    expect(parseTimestamp('2402301245', '%y%m%d%H%M')).toBeUndefined();
    expect(parseTimestamp('10:20', '%H:%M')).toBeUndefined(); // no year: not a time we can place
  });

  it('treats regex characters in the pattern as literals', () => {
    expect(iso(parseTimestamp('2024.03.01', '%Y.%m.%d'))).toBe('2024-03-01T00:00:00.000Z');
    expect(parseTimestamp('2024x03x01', '%Y.%m.%d')).toBeUndefined();
    expect(iso(parseTimestamp('(2024)', '(%Y)'))).toBe('2024-01-01T00:00:00.000Z');
  });
});

describe('parseTimestamp never throws and never returns an Invalid Date', () => {
  it('holds for arbitrary input in every format', () => {
    const formats = ['unix', 'unix_ms', 'iso', '%y%m%d%H%M', '%Y-%m-%d %H:%M:%S', '%d/%m/%Y', '%z%f', '[%'];
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom(...formats), fc.option(fc.string({ maxLength: 20 })), (v, f, tz) => {
        const d = parseTimestamp(v, f, tz ?? undefined);
        return d === undefined || (d instanceof Date && Number.isFinite(d.getTime()));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every valid instant through unix and iso', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253402300799 }), (sec) => {
        const d = new Date(sec * 1000);
        return (
          parseTimestamp(String(sec), 'unix')?.getTime() === d.getTime() &&
          parseTimestamp(d.toISOString(), 'iso')?.getTime() === d.getTime()
        );
      }),
    );
  });
});
