import { isTimeZone, zonedToUtc } from '@smsgw/core';

/**
 * Provider timestamps in every shape they come in. A report with an unreadable time is still a
 * report (the original answered a bad date with a 500), so nothing here throws: garbage gives
 * `undefined` and the caller records the report without a time.
 */

const MAX_INPUT = 64;
/** Before this a delivery time is a provider bug (or a zero), not a time. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  /** Minutes east of UTC when the value names its zone. */
  offset: number | undefined;
}

/**
 * Parses a provider timestamp. `format` is 'unix' (seconds, may be fractional), 'unix_ms', 'iso'
 * (with or without a zone) or a strftime-like pattern of %Y %y %m %d %H %M %S %f %z %% and literal
 * characters (SMS Global's `%y%m%d%H%M`, Kannel's `%Y-%m-%d %H:%M:%S`). Naive times are read in
 * `timezone` (an offset such as "+02:00", or an IANA name such as "Australia/Sydney"; default UTC).
 * Returns undefined, never an Invalid Date, for garbage or out-of-range values; never throws.
 */
export function parseTimestamp(value: string, format: string, timezone?: string): Date | undefined {
  const text = value.trim();
  if (text === '' || text.length > MAX_INPUT) return undefined;
  if (format === 'unix') return epoch(text, 1000);
  if (format === 'unix_ms') return epoch(text, 1);
  const fields = format === 'iso' ? parseIso(text) : parsePattern(text, format);
  if (!fields || !inRange(fields)) return undefined;
  const ms = Number(`0.${fields.fraction || '0'}`) * 1000;
  const local = utcMillis(fields) + Math.floor(ms);
  if (fields.offset !== undefined) return toDate(local - fields.offset * 60_000);
  return toDate(naiveToUtc(local, timezone));
}

function epoch(text: string, scale: number): Date | undefined {
  if (!/^\d{1,16}(?:\.\d{1,9})?$/.test(text)) return undefined;
  return toDate(Math.floor(Number(text) * scale));
}

function toDate(ms: number | undefined): Date | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < MIN_YEAR || year > MAX_YEAR ? undefined : d;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(text: string): Fields | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const offset = m[8] === undefined ? undefined : parseOffset(m[8]);
  if (m[8] !== undefined && offset === undefined) return undefined;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    fraction: m[7] ?? '',
    offset,
  };
}

type Part = 'Y' | 'y' | 'm' | 'd' | 'H' | 'M' | 'S' | 'f' | 'z';
const TWO_DIGIT: ReadonlySet<string> = new Set(['m', 'd', 'H', 'M', 'S']);

/** True when a field directive (not `%%`) starts at `at`. */
function isField(format: string, at: number): boolean {
  return at >= 0 && format[at] === '%' && format[at + 1] !== undefined && format[at + 1] !== '%' && format[at - 1] !== '%';
}

/**
 * Turns a strftime-like pattern into an anchored regex. Two-digit fields with a literal separator
 * (or the start/end) on both sides accept one digit too, like strptime; packed ones (`%y%m%d%H%M`)
 * need two, or "140902124" would read as some time.
 */
function compilePattern(format: string): { re: RegExp; parts: Part[] } | undefined {
  let src = '';
  const parts: Part[] = [];
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch !== '%') {
      src += ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
      continue;
    }
    const code = format[++i];
    if (code === '%') {
      src += '%';
      continue;
    }
    if (code === undefined || !'YymdHMSfz'.includes(code)) return undefined;
    parts.push(code as Part);
    const packed = isField(format, i + 1) || isField(format, i - 3);
    if (code === 'Y') src += '(\\d{4})';
    else if (code === 'y') src += '(\\d{2})';
    else if (code === 'f') src += '(\\d{1,9})';
    else if (code === 'z') src += '(Z|z|[+-]\\d{2}(?::?\\d{2})?)';
    else if (TWO_DIGIT.has(code)) src += packed ? '(\\d{2})' : '(\\d{1,2})';
  }
  return { re: new RegExp(`^${src}$`), parts };
}

function parsePattern(text: string, format: string): Fields | undefined {
  const compiled = compilePattern(format);
  if (!compiled) return undefined;
  const m = compiled.re.exec(text);
  if (!m) return undefined;
  const f: Fields = { year: NaN, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: '', offset: undefined };
  for (let i = 0; i < compiled.parts.length; i++) {
    const raw = m[i + 1] ?? '';
    const part = compiled.parts[i];
    if (part === 'z') {
      f.offset = parseOffset(raw);
      if (f.offset === undefined) return undefined;
    } else if (part === 'f') f.fraction = raw;
    else if (part === 'Y') f.year = Number(raw);
    // Two-digit years in SMS reports are this century: nobody delivers a 1999 report today.
    else if (part === 'y') f.year = 2000 + Number(raw);
    else if (part === 'm') f.month = Number(raw);
    else if (part === 'd') f.day = Number(raw);
    else if (part === 'H') f.hour = Number(raw);
    else if (part === 'M') f.minute = Number(raw);
    else if (part === 'S') f.second = Number(raw);
  }
  return f;
}

function inRange(f: Fields): boolean {
  if (!Number.isInteger(f.year) || f.year < MIN_YEAR || f.year > MAX_YEAR) return false;
  if (f.month < 1 || f.month > 12 || f.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  return f.day <= daysInMonth && f.hour <= 23 && f.minute <= 59 && f.second <= 59;
}

function utcMillis(f: Fields): number {
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
}

/** "Z", "+02", "+0200", "+02:00" → minutes east of UTC. */
function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Converts wall-clock millis in `timezone` (offset or IANA name) to UTC; undefined for an unknown zone. */
function naiveToUtc(local: number, timezone: string | undefined): number | undefined {
  const zone = timezone?.trim();
  if (!zone || zone.toUpperCase() === 'UTC' || zone.toUpperCase() === 'GMT') return local;
  const fixed = parseOffset(zone);
  if (fixed !== undefined) return local - fixed * 60_000;
  // An IANA zone: core's conversion, the one local send times and quiet hours use (DST included).
  if (!isTimeZone(zone)) return undefined;
  const d = new Date(local);
  const wall = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
  return zonedToUtc(wall, zone) + d.getUTCMilliseconds();
}
