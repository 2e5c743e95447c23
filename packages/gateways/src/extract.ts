import type { Extractor } from './config/schema.js';

/**
 * Reads a dotted path (`a.b[0].c`, `results.0.id`) from parsed JSON or a flat record. Only own
 * properties are followed, so a hostile `__proto__` key in a callback can never reach the prototype.
 */
export function getPath(data: unknown, path: string): unknown {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p.length > 0);
  let cur: unknown = data;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A scalar as a string; objects and arrays are not values here. */
export function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return undefined;
}

export interface ExtractSource {
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  headers: Readonly<Record<string, string>>;
}

/** Parses a body as JSON, or returns undefined when it is not JSON. Never throws. */
export function tryParseJson(body: string): unknown {
  const t = body.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** Applies an extractor; undefined when the value is absent or empty. */
export function extract(ex: Extractor, src: ExtractSource): string | undefined {
  let value: string | undefined;
  if ('json' in ex) value = scalarString(getPath(src.json, ex.json));
  else if ('header' in ex) value = src.headers[ex.header.toLowerCase()];
  else {
    const m = new RegExp(ex.regex, 'm').exec(src.body);
    value = m ? (m.groups?.['value'] ?? m[1] ?? m[0]) : undefined;
  }
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
