/**
 * What the callback fuzz sends: a provider's documented callback (the preset fixtures), with
 * its fields' values replaced by hostile ones, fields added, and the whole re-encoded as JSON,
 * a form or a query string, by GET or POST, under any content type — or no body worth the name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CONTENT_TYPES, deepJson, nastyJson, nastyKey, nastyString } from './arbitraries.js';

export interface Fixture {
  method: string;
  contentType: string;
  query: string;
  body: string;
  expect?: { gatewayMessageId?: string }[];
}

export interface PresetFixtures {
  preset: string;
  statusCallbacks: Fixture[];
  replyCallbacks: Fixture[];
}

const FIXTURES = new URL('../../packages/gateways/presets/fixtures/', import.meta.url);

/** A fixture with the fields a file left out filled in (no query, no body, no content type). */
function complete(f: Partial<Fixture>): Fixture {
  return {
    method: f.method ?? 'POST',
    contentType: f.contentType ?? '',
    query: f.query ?? '',
    body: f.body ?? '',
    ...(f.expect ? { expect: f.expect } : {}),
  };
}

/** Every preset's documented callbacks. */
export function loadFixtures(): PresetFixtures[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as {
        statusCallbacks?: Partial<Fixture>[];
        replyCallbacks?: Partial<Fixture>[];
      };
      return {
        preset: f.slice(0, -'.json'.length),
        statusCallbacks: (parsed.statusCallbacks ?? []).map(complete),
        replyCallbacks: (parsed.replyCallbacks ?? []).map(complete),
      };
    });
}

/** A fixture's fields as one JSON value: its JSON body, else its form body or query as an object. */
function fieldsOf(f: Fixture): unknown {
  if (f.body !== '') {
    try {
      return JSON.parse(f.body);
    } catch {
      return Object.fromEntries(new URLSearchParams(f.body));
    }
  }
  return Object.fromEntries(new URLSearchParams(f.query));
}

/** Replaces the i-th leaf of `value` with `replacements[i]` where that is not undefined. */
function mutateLeaves(value: unknown, replacements: readonly unknown[], counter = { i: 0 }): unknown {
  if (Array.isArray(value)) return value.map((v) => mutateLeaves(v, replacements, counter));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutateLeaves(v, replacements, counter)]));
  const r = replacements[counter.i++];
  return r === undefined ? value : r;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Form / query encoding of an object's top level; `raw` leaves values unescaped (bad escapes reach the server). */
function urlEncoded(value: unknown, raw: boolean): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return raw ? asText(value) : `v=${encode(asText(value))}`;
  return Object.entries(value)
    .map(([k, v]) => (raw ? `${k}=${asText(v)}` : `${encode(k)}=${encode(asText(v))}`))
    .join('&');
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the three bytes
 * a naive UTF-8 encoder would write for it: invalid UTF-8 that the server must survive decoding.
 */
function encode(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0xd800 || c > 0xdfff) out += encodeURIComponent(ch);
    else out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }
  return out;
}

/** Only printable ASCII may go raw into a URL here (the request must at least be a request). */
const urlSafe = (s: string): string => s.replace(/[^\x21-\x7e]/g, (c) => encode(c));

export interface CallbackShape {
  method: 'GET' | 'POST';
  contentType: string | undefined;
  query: string;
  payload: string | Buffer | undefined;
}

type Encoding = 'fixture' | 'json' | 'form' | 'query' | 'raw' | 'deep';

/** One hostile variation of a fixture. */
export function callbackShape(fixtures: readonly Fixture[]): fc.Arbitrary<CallbackShape> {
  return fc
    .record({
      fixture: fc.constantFrom(...fixtures),
      // Many fields at once, or exactly one (the rest intact, so the report still finds its message).
      leaves: fc.oneof(
        fc.array(fc.option(nastyJson, { nil: undefined, freq: 2 }), { maxLength: 40 }),
        fc.tuple(fc.nat(30), nastyJson).map(([at, value]) => Array.from({ length: at + 1 }, (_, i) => (i === at ? value : undefined))),
      ),
      extra: fc.array(fc.tuple(nastyKey, nastyString), { maxLength: 3 }),
      encoding: fc.constantFrom<Encoding>('fixture', 'fixture', 'json', 'form', 'query', 'raw', 'deep'),
      rawEscapes: fc.boolean(),
      method: fc.option(fc.constantFrom<'GET' | 'POST'>('GET', 'POST'), { nil: undefined }),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: null, freq: 3 }),
      rawBody: fc.oneof(
        nastyString,
        fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      ),
    })
    .map(({ fixture, leaves, extra, encoding, rawEscapes, method, contentType, rawBody }) => {
      const base = mutateLeaves(fieldsOf(fixture), leaves);
      const fields = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base, ...Object.fromEntries(extra) } : base;
      const fixtureMethod = fixture.method === 'GET' ? 'GET' : 'POST';
      const fixtureType = fixture.contentType === '' ? undefined : fixture.contentType;
      const shape = (m: 'GET' | 'POST', type: string | undefined, query: string, payload: string | Buffer | undefined): CallbackShape => ({
        method: method ?? m,
        contentType: contentType === null ? type : contentType,
        query: urlSafe(query),
        payload,
      });
      switch (encoding) {
        case 'fixture':
          if (fixture.body === '') return shape(fixtureMethod, fixtureType, urlEncoded(fields, rawEscapes), undefined);
          return shape(
            fixtureMethod,
            fixtureType,
            fixture.query,
            fixtureType?.includes('json') ? JSON.stringify(fields) : urlEncoded(fields, rawEscapes),
          );
        case 'json':
          return shape('POST', 'application/json', '', JSON.stringify(fields));
        case 'form':
          return shape('POST', 'application/x-www-form-urlencoded', '', urlEncoded(fields, rawEscapes));
        case 'query':
          return shape('GET', undefined, urlEncoded(fields, rawEscapes), undefined);
        case 'raw':
          return shape('POST', fixtureType, '', rawBody);
        case 'deep':
          return shape('POST', 'application/json', '', deepJson(typeof rawBody === 'string' ? 20_000 : 1_000, 'mixed'));
      }
      throw new Error(`unknown encoding ${String(encoding)}`);
    });
}
