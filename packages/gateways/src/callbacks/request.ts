import { badRequest } from '@smsgw/core';

/** What the API hands the callback code: framework-free, with the body exactly as received. */
export interface CallbackRequest {
  /** GET or POST. */
  method: string;
  /** The full public URL the provider called, query included (Twilio and Plivo sign it). */
  url: string;
  query: Readonly<Record<string, string | string[]>>;
  /** Lowercased names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Exactly as received: signatures are over the raw bytes. */
  rawBody: string;
  contentType: string | undefined;
}

export type CallbackSource = 'query' | 'form' | 'json' | 'auto';

/** A flat record without a prototype, so no key a provider sends can reach Object.prototype. */
export type FlatFields = Record<string, string>;

/** Keys dropped wherever a callback is read: nothing legitimate is called this. */
const FORBIDDEN_KEY = '__proto__';

/**
 * The fields of a callback as one object, from the source the config names. 'auto' reads a JSON
 * body if the request has one, a form body if it has one, else the query string; with 'auto' the
 * query parameters are merged under the body's fields (a provider may put some in the URL).
 * Repeated parameters keep the last value, as the original did. Malformed JSON is a 400
 * `invalid_callback`.
 */
export function callbackFields(source: CallbackSource, req: CallbackRequest): unknown {
  if (source === 'query') return queryFields(req.query);
  if (source === 'form') return formFields(req.rawBody);
  if (source === 'json') return parseJsonBody(req.rawBody);
  const kind = bodyKind(req);
  if (kind === 'none') return queryFields(req.query);
  const body = kind === 'json' ? parseJsonBody(req.rawBody) : formFields(req.rawBody);
  if (!isPlainObject(body)) return body;
  const merged: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(queryFields(req.query))) merged[k] = v;
  for (const [k, v] of Object.entries(body)) if (k !== FORBIDDEN_KEY) merged[k] = v;
  return merged;
}

/** The media type without parameters, lowercased ('application/json'). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isJsonType(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return t === 'application/json' || t === 'text/json' || t.endsWith('+json');
}

export function isFormType(contentType: string | undefined): boolean {
  return mediaType(contentType) === 'application/x-www-form-urlencoded';
}

/** Which body 'auto' reads: by content type, or by the look of the body when the type says nothing useful. */
function bodyKind(req: CallbackRequest): 'json' | 'form' | 'none' {
  if (req.method.toUpperCase() === 'GET' || req.rawBody.trim() === '') return 'none';
  if (isJsonType(req.contentType)) return 'json';
  if (isFormType(req.contentType)) return 'form';
  const t = mediaType(req.contentType);
  if (t !== '' && t !== 'text/plain' && t !== 'application/octet-stream') return 'none';
  const start = req.rawBody.trimStart()[0];
  if (start === '{' || start === '[') return 'json';
  return req.rawBody.includes('=') ? 'form' : 'none';
}

/** Query parameters as a flat record; a repeated parameter keeps its last value. */
export function queryFields(query: Readonly<Record<string, string | string[]>>): FlatFields {
  const out = Object.create(null) as FlatFields;
  for (const key of Object.keys(query)) {
    if (key === FORBIDDEN_KEY) continue;
    const v = query[key];
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[key] = last;
  }
  return out;
}

/** Every name/value pair of an urlencoded body, in order (repeats kept: signatures need them). */
export function formPairs(body: string): Array<[string, string]> {
  return [...new URLSearchParams(body)];
}

/** An urlencoded body as a flat record; a repeated field keeps its last value. */
export function formFields(body: string): FlatFields {
  const out = Object.create(null) as FlatFields;
  for (const [k, v] of formPairs(body)) if (k !== FORBIDDEN_KEY) out[k] = v;
  return out;
}

/**
 * Parses a JSON body. `__proto__` keys are dropped (JSON.parse makes them own properties, but a
 * later Object.assign or merge would not); any failure, including absurd nesting, is a 400.
 */
export function parseJsonBody(body: string): unknown {
  if (body.trim() === '') throw badRequest('invalid_callback', 'Callback body is empty, JSON was expected');
  if (exceedsDepth(body, MAX_JSON_DEPTH)) throw badRequest('invalid_callback', 'Callback body is nested too deeply');
  try {
    return JSON.parse(body, (key, value: unknown) => (key === FORBIDDEN_KEY ? undefined : value)) as unknown;
  } catch {
    throw badRequest('invalid_callback', 'Callback body is not valid JSON');
  }
}

/** No provider nests this deep; V8 spends about a second on a megabyte of `[[[[`, so count first. */
const MAX_JSON_DEPTH = 64;

/** One linear pass over the text, skipping strings: true when brackets nest deeper than `limit`. */
function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A header's value by (case-insensitive) name; the first one when it was sent several times. */
export function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  let v = Object.hasOwn(headers, lower) ? headers[lower] : undefined;
  if (v === undefined) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
    v = key === undefined ? undefined : headers[key];
  }
  return Array.isArray(v) ? v[0] : v;
}
