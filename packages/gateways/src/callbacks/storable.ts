/**
 * What a provider sends is stored, and PostgreSQL refuses some of it: NUL in text and jsonb, and
 * unpaired UTF-16 surrogates (which a JSON body can spell as "\ud800"). Refusing the callback
 * would not help either: a 5xx (or 4xx) makes the provider send the same callback again, forever.
 * So callback values are cleaned instead: each such character becomes U+FFFD, the Unicode
 * replacement character, which keeps lengths and shows where something was lost.
 */
import { UNSTORABLE } from '@smsgw/core';

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');
const REPLACEMENT = '\uFFFD';

/** Years both JavaScript and PostgreSQL read alike, and the only ones a real report carries. */
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(10000, 0, 1) - 1;

/** Deeper than any provider nests (the JSON reader refuses more): a bound, not a limit hit in practice. */
const MAX_DEPTH = 64;

/** The text with NUL and unpaired surrogates replaced by U+FFFD; same length. */
export function storableText(value: string): string {
  // Most callbacks hold neither: skip the copy.
  return UNSTORABLE.test(value) ? value.replace(UNSTORABLE_ALL, REPLACEMENT) : value;
}

/** The date when it is a real one from 1970 to 9999, else undefined (the report is kept without it). */
export function storableDate(value: Date | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const t = value.getTime();
  return Number.isFinite(t) && t >= MIN_TIME && t <= MAX_TIME ? value : undefined;
}

/**
 * A parsed callback item with every string field cleaned and every date field kept in range.
 * Shallow, because parsed items are flat records of strings, numbers and dates.
 */
export function storableItem<T extends object>(item: T): T {
  const out = Object.fromEntries(
    Object.entries(item).map(([key, value]: [string, unknown]) => {
      if (typeof value === 'string') return [key, storableText(value)];
      if (value instanceof Date) return [key, storableDate(value)];
      return [key, value];
    }),
  );
  // Same keys, each value of the same type or undefined where a date was out of range (dates are optional).
  return out as T;
}

/**
 * A JSON-like value (the raw payload kept with a reply) with every string and key cleaned, for a
 * jsonb column. Deeper than MAX_DEPTH is replaced by null rather than walked.
 */
export function storableJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return storableDate(value)?.toISOString() ?? null;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v: unknown) => storableJson(v, depth + 1));
  // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, child]: [string, unknown]) => [storableText(key), storableJson(child, depth + 1)]),
  );
}
