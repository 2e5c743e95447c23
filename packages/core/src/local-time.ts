/**
 * Wall-clock time in a named time zone, with nothing but `Intl` (Node's full ICU): a billee's
 * `sendAt: {local}` and its quiet hours. No dependency: conversion needs only the zone's offset at
 * an instant, which `Intl.DateTimeFormat` gives, and DST is handled the way Temporal's
 * `disambiguation: 'compatible'` does (a time skipped by a spring-forward moves later by the
 * gap; a repeated time at fall-back means its first occurrence).
 */

/** A local date and time: month 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time in `timeZone` at the instant `ms`. */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at the instant `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  return asUtc(wallTimeAt(ms, timeZone)) - Math.floor(ms / 1000) * 1000;
}

/** The instant (ms) the wall time `w` happens in `timeZone`, DST-gaps and overlaps as Temporal's 'compatible'. */
export function zonedToUtc(w: WallTime, timeZone: string): number {
  const local = asUtc(w);
  // Offsets a day either side: a zone changes offset at most once in two days.
  const before = local - offsetAt(local - DAY_MS, timeZone);
  const after = local - offsetAt(local + DAY_MS, timeZone);
  const valid = [before, after].filter((t) => asUtc(wallTimeAt(t, timeZone)) === local);
  // Both valid: a repeated hour, take the first. None: a skipped hour; the offset from before the
  // change puts it after the gap by the gap's length (02:30 in a 02:00→03:00 spring-forward is 03:30).
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** The next day's date of a wall time (time fields kept). */
function nextDay(w: WallTime): WallTime {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** `HH:MM` as minutes after midnight, or undefined when it is not one. */
export function parseClock(text: string): number | undefined {
  const m = CLOCK.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/**
 * The instant of a local send time in `timeZone`: `HH:MM` is the next time the clock there shows
 * it (later today, else tomorrow); `YYYY-MM-DDTHH:MM[:SS]` is that date and time there.
 * Undefined when `text` is neither (or names a date that does not exist).
 */
export function localSendTime(text: string, timeZone: string, now: number): number | undefined {
  const clock = parseClock(text);
  if (clock !== undefined) {
    const today: WallTime = { ...wallTimeAt(now, timeZone), hour: Math.floor(clock / 60), minute: clock % 60, second: 0 };
    const at = zonedToUtc(today, timeZone);
    return at > now ? at : zonedToUtc(nextDay(today), timeZone);
  }
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return undefined;
  const w: WallTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
  };
  const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
  if (w.year < 1970 || w.year > 9999 || check.getUTCMonth() !== w.month - 1 || check.getUTCDate() !== w.day) return undefined;
  return zonedToUtc(w, timeZone);
}

/** Quiet hours: local `HH:MM` start and end; an end before the start means the next day. */
export interface QuietHours {
  start: string;
  end: string;
}

/**
 * When a send planned for `at` may go: `at` itself outside the quiet hours, else the end of the
 * quiet window it falls in, in `timeZone`. A window whose start equals its end is empty.
 */
export function afterQuietHours(at: number, timeZone: string, quiet: QuietHours): number {
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  if (start === undefined || end === undefined || start === end) return at;
  const w = wallTimeAt(at, timeZone);
  const minute = w.hour * 60 + w.minute;
  const wraps = start > end;
  const quietNow = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!quietNow) return at;
  const endToday: WallTime = { ...w, hour: Math.floor(end / 60), minute: end % 60, second: 0 };
  // A window over midnight entered this evening ends tomorrow; entered after midnight, today.
  const endsTomorrow = wraps && minute >= start;
  return zonedToUtc(endsTomorrow ? nextDay(endToday) : endToday, timeZone);
}
