import { type AppError, badRequest } from '@smsgw/core';
import { getPath, scalarString } from '../extract.js';
import { parseTimestamp } from './timestamps.js';

/** Ids and references longer than this are not ids: refused rather than carried into queries. */
export const MAX_ID_LENGTH = 256;
/** One callback may carry many reports (Infobip, Sinch), but not without end. */
export const MAX_ITEMS = 10_000;

/**
 * A 400 naming the field (the config's path), never its value: a callback's values are phone
 * numbers and message text, which must not reach logs or error bodies.
 */
export function invalidCallback(message: string): AppError {
  return badRequest('invalid_callback', message);
}

/** The reports (or replies) in a callback: the array at `each`, or the callback itself. */
export function callbackItems(fields: unknown, each: string | undefined): unknown[] {
  if (each === undefined) return [fields];
  const list = getPath(fields, each);
  if (!Array.isArray(list)) throw invalidCallback(`Callback field '${each}' is missing or not a list`);
  if (list.length > MAX_ITEMS) throw invalidCallback(`Callback field '${each}' has more than ${MAX_ITEMS} entries`);
  return list;
}

/** Where an item sits, for error messages ("Callback entry 3 of 'results'"). */
export function itemLabel(each: string | undefined, index: number): string {
  return each === undefined ? 'Callback' : `Callback entry ${index} of '${each}'`;
}

/** A scalar field as a trimmed string; absent, empty, or an object/array → undefined. */
export function readText(item: unknown, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const v = scalarString(getPath(item, path))?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** A required field: absent → 400 naming the field. */
export function requireText(item: unknown, path: string, label: string): string {
  const v = readText(item, path);
  if (v === undefined) throw invalidCallback(`${label} is missing field '${path}'`);
  return v;
}

/** An identifier-like field: too long → 400 rather than a giant string in a query. */
export function requireId(item: unknown, path: string, label: string): string {
  const v = requireText(item, path, label);
  if (v.length > MAX_ID_LENGTH) throw invalidCallback(`${label} field '${path}' is too long`);
  return v;
}

/** An optional identifier-like field; too long → undefined (it cannot match anything of ours). */
export function readId(item: unknown, path: string | undefined): string | undefined {
  const v = readText(item, path);
  return v !== undefined && v.length <= MAX_ID_LENGTH ? v : undefined;
}

export interface TimestampSpec {
  path: string;
  format: string;
  timezone?: string | undefined;
}

/** The time of a report or reply; an unreadable one is undefined, never an error. */
export function readTime(item: unknown, spec: TimestampSpec | undefined): Date | undefined {
  if (!spec) return undefined;
  const v = readText(item, spec.path);
  return v === undefined ? undefined : parseTimestamp(v, spec.format, spec.timezone);
}
