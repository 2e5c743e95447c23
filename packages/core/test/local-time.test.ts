import { describe, expect, it } from 'vitest';
import { afterQuietHours, isTimeZone, localSendTime, parseClock, wallTimeAt, zonedToUtc } from '../src/local-time.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('zone conversion', () => {
  it('knows IANA zones and refuses the rest', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads the wall clock in a zone, on both sides of a DST change', () => {
    expect(wallTimeAt(at('2030-03-30T08:00:00Z'), BERLIN)).toMatchObject({ day: 30, hour: 9, minute: 0 });
    expect(wallTimeAt(at('2030-03-31T07:00:00Z'), BERLIN)).toMatchObject({ day: 31, hour: 9, minute: 0 });
  });

  it('maps a skipped time forward by the gap and a repeated time to its first occurrence', () => {
    // Berlin, 2030-03-31: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist: 03:30 CEST.
    expect(iso(zonedToUtc({ year: 2030, month: 3, day: 31, hour: 2, minute: 30, second: 0 }, BERLIN))).toBe('2030-03-31T01:30:00.000Z');
    // Berlin, 2030-10-27: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice: the CEST one.
    expect(iso(zonedToUtc({ year: 2030, month: 10, day: 27, hour: 2, minute: 30, second: 0 }, BERLIN))).toBe('2030-10-27T00:30:00.000Z');
  });
});

describe('localSendTime', () => {
  it('gives the next time the clock shows HH:MM: later today, else tomorrow, across a DST change', () => {
    // 11:00 CET on the day before the change: 09:00 has passed, so tomorrow, by then CEST (UTC+2).
    expect(iso(localSendTime('09:00', BERLIN, at('2030-03-30T10:00:00Z')))).toBe('2030-03-31T07:00:00.000Z');
    // 07:00 CET: 09:00 is still ahead today (UTC+1).
    expect(iso(localSendTime('09:00', BERLIN, at('2030-03-30T06:00:00Z')))).toBe('2030-03-30T08:00:00.000Z');
    // New York falls back on 2030-11-03: 09:00 EST is 14:00Z, the day before 09:00 EDT was 13:00Z.
    expect(iso(localSendTime('09:00', NEW_YORK, at('2030-11-02T15:00:00Z')))).toBe('2030-11-03T14:00:00.000Z');
  });

  it('reads a local date-time in the zone, and refuses what is neither form', () => {
    expect(iso(localSendTime('2030-03-30T09:00', BERLIN, 0))).toBe('2030-03-30T08:00:00.000Z');
    expect(iso(localSendTime('2030-03-31T09:00:30', BERLIN, 0))).toBe('2030-03-31T07:00:30.000Z');
    expect(localSendTime('2030-02-30T09:00', BERLIN, 0)).toBeUndefined();
    expect(localSendTime('9am', BERLIN, 0)).toBeUndefined();
    expect(localSendTime('24:00', BERLIN, 0)).toBeUndefined();
    expect(parseClock('23:59')).toBe(23 * 60 + 59);
  });
});

describe('afterQuietHours', () => {
  const quiet = { start: '21:00', end: '08:00' };

  it('leaves a time outside the window alone', () => {
    const noon = at('2030-06-01T10:00:00Z'); // 12:00 CEST
    expect(afterQuietHours(noon, BERLIN, quiet)).toBe(noon);
  });

  it('moves a time in an overnight window to its end: tomorrow from the evening, today after midnight', () => {
    expect(iso(afterQuietHours(at('2030-06-01T20:30:00Z'), BERLIN, quiet))).toBe('2030-06-02T06:00:00.000Z'); // 22:30 → 08:00 next day
    expect(iso(afterQuietHours(at('2030-06-01T01:00:00Z'), BERLIN, quiet))).toBe('2030-06-01T06:00:00.000Z'); // 03:00 → 08:00
  });

  it('ends the window by the local clock when the night holds a DST change', () => {
    // 22:00 CET on 2030-03-30; the window ends at 08:00 CEST on the 31st, 06:00Z (not 07:00Z).
    expect(iso(afterQuietHours(at('2030-03-30T21:00:00Z'), BERLIN, quiet))).toBe('2030-03-31T06:00:00.000Z');
  });

  it('handles a window within one day, and treats start = end as none', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(iso(afterQuietHours(at('2030-06-01T10:30:00Z'), BERLIN, lunch))).toBe('2030-06-01T12:00:00.000Z');
    const t = at('2030-06-01T10:30:00Z');
    expect(afterQuietHours(t, BERLIN, { start: '12:00', end: '12:00' })).toBe(t);
  });
});
