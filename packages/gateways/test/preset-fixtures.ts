import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { z } from 'zod';
import type { GatewayConfig, ParamValue } from '../src/config/schema.js';
import { mergeSettings, type RenderedRequest, type SendContext } from '../src/render.js';
import { getPath } from '../src/extract.js';
import type { CallbackRequest } from '../src/callbacks/request.js';

/**
 * The shape of a preset's documentation fixture (presets/fixtures/<name>.json) and the helpers
 * that turn its samples into what the engine reads. Every sample names the document it was
 * copied from; one built from the documented format rather than copied says "reconstructed".
 */

const record = z.record(z.string(), z.unknown());
const source = z.string().min(1, 'every sample names the doc it was copied from');
export const sendSample = z.object({
  source,
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string(),
  expect: record.and(z.object({ kind: z.enum(['accepted', 'permanent', 'temporary', 'throttled', 'ambiguous']) })),
});
const callbackSample = z.object({
  source,
  method: z.enum(['GET', 'POST']),
  contentType: z.string().default(''),
  query: z.string().default(''),
  body: z.string().default(''),
  expect: z.array(record).min(1),
});
const statusQueryFixture = z
  .object({
    /** The provider's id of the fixture message, when the lookup goes by it. */
    gatewayMessageId: z.string().optional(),
    expectedRequest: z
      .object({ method: z.enum(['GET', 'POST']), url: z.url(), headers: z.record(z.string(), z.string()).default({}) })
      .strict(),
    responses: z
      .array(
        sendSample
          .omit({ expect: true })
          .extend({ expect: record.and(z.object({ kind: z.enum(['found', 'unmapped', 'not_found', 'inconclusive']) })) }),
      )
      .min(2),
  })
  .strict();
export const paramsExpectation = z.object({ form: record.optional(), json: z.unknown().optional(), query: record.optional() }).strict();
/** A number check: the request for `number`, and documented answers read as a verdict or as a failed check. */
const numberCheckFixture = z
  .object({
    number: z.string().regex(/^\+\d{6,15}$/),
    expectedRequest: paramsExpectation.extend({
      method: z.enum(['GET', 'POST']),
      url: z.url(),
      headers: z.record(z.string(), z.string()).default({}),
    }),
    responses: z
      .array(
        sendSample.omit({ expect: true }).extend({
          expect: z.union([
            z.object({ kind: z.literal('checked'), status: z.enum(['valid', 'invalid', 'unknown']) }).catchall(z.string()),
            z.object({ kind: z.literal('failed') }).strict(),
          ]),
        }),
      )
      .min(2),
  })
  .strict();
const expectedRequest = paramsExpectation.extend({
  method: z.enum(['GET', 'POST', 'PUT']),
  url: z.url(),
  headers: z.record(z.string(), z.string()).default({}),
});
/**
 * A message that needs UCS-2, sent as the provider documents Unicode: its flag or data coding,
 * and the text as the API wants it (UTF-8 in the request, or UCS-2 hex). The whole request is
 * compared, so a flag that went missing or a text sent the wrong way fails.
 */
const unicodeSend = z
  .object({
    source,
    content: z.string(),
    segments: z.number().int().positive(),
    expectedRequest,
  })
  .strict();
export const fixtureSchema = z
  .object({
    context: z
      .object({
        to: z.string(),
        from: z.string().optional(),
        content: z.string(),
        encoding: z.enum(['gsm7', 'ucs2']),
        segments: z.number().int().positive(),
        messageId: z.string(),
        statusCallbackUrl: z.url(),
        replyCallbackUrl: z.url(),
        credentials: z.record(z.string(), z.string()),
        settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
        /** Fixed time and nonce for auth that signs each request (`mac`), so the header is exact. */
        signing: z
          .object({ at: z.iso.datetime(), nonce: z.string().min(1).max(32) })
          .strict()
          .optional(),
      })
      .strict(),
    expectedRequest,
    unicodeSend: unicodeSend.optional(),
    /** Test-only private key for public-key signature schemes (the e2e test signs with it). */
    signingKey: z.string().optional(),
    signingKeyNote: z.string().optional(),
    sendResponses: z.array(sendSample).min(2),
    statusCallbacks: z.array(callbackSample).default([]),
    replyCallbacks: z.array(callbackSample).default([]),
    statusQuery: statusQueryFixture.optional(),
    numberCheck: numberCheckFixture.optional(),
  })
  .strict();
export type Fixture = z.infer<typeof fixtureSchema>;
export type CallbackSample = z.infer<typeof callbackSample>;
export type ExpectedRequest = z.infer<typeof expectedRequest>;

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function sendContext(config: GatewayConfig, f: Fixture, overrides: Partial<SendContext> = {}): SendContext {
  const { signing, ...context } = f.context;
  return {
    ...context,
    from: f.context.from,
    settings: mergeSettings(config, f.context.settings),
    ...(signing === undefined ? {} : { signing: { at: new Date(signing.at), nonce: signing.nonce } }),
    ...overrides,
  };
}

/** The parameters a rendered request carries, decoded the way the provider will read them. */
export function decodedParams(config: GatewayConfig, req: RenderedRequest): unknown {
  if (config.send.body === 'json') return JSON.parse(req.body ?? 'null') as unknown;
  const pairs = config.send.body === 'form' ? new URLSearchParams(req.body ?? '') : new URL(req.url).searchParams;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function expectedParams(config: GatewayConfig, e: z.infer<typeof paramsExpectation>): unknown {
  const kind = config.send.body === 'none' ? 'query' : config.send.body;
  const value = e[kind];
  expect(value, `fixture must give the ${kind} params`).toBeDefined();
  return value;
}

/** Method, URL, the headers the fixture names, and the parameters exactly. */
export function expectRequest(config: GatewayConfig, req: RenderedRequest, want: ExpectedRequest): void {
  expect(req.method).toBe(want.method);
  if (config.send.body === 'query') expect(req.url.split('?')[0]).toBe(want.url.split('?')[0]);
  else expect(req.url).toBe(want.url);
  for (const [k, v] of Object.entries(want.headers)) expect(req.headers[k.toLowerCase()], `header ${k}`).toBe(v);
  expect(decodedParams(config, req)).toEqual(expectedParams(config, want));
}

export function callbackRequest(url: string, s: CallbackSample): CallbackRequest {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(s.query)) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const headers: Record<string, string> = s.contentType === '' ? {} : { 'content-type': s.contentType };
  return {
    method: s.method,
    url: s.query === '' ? url : `${url}?${s.query}`,
    query,
    headers,
    rawBody: s.body,
    contentType: s.contentType === '' ? undefined : s.contentType,
  };
}

/** Dates as ISO strings, so fixtures can state times as text. */
export function plain(items: readonly object[]): Record<string, unknown>[] {
  return items.map((item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])));
}

function deletePath(target: unknown, path: string): void {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = parts.pop() ?? '';
  let cur: unknown = target;
  for (const p of parts) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  if (cur !== null && typeof cur === 'object') delete (cur as Record<string, unknown>)[last];
}

/** The same callback with one field removed wherever it is carried (query, form or JSON body). */
export function withoutField(s: CallbackSample, path: string, each: string | undefined): CallbackSample {
  const query = new URLSearchParams(s.query);
  query.delete(path);
  let body = s.body;
  if (body.trimStart().startsWith('{') || body.trimStart().startsWith('[')) {
    const json = JSON.parse(body) as unknown;
    const list = each === undefined ? [json] : getPath(json, each);
    for (const item of Array.isArray(list) ? list : []) deletePath(item, path);
    body = JSON.stringify(json);
  } else if (body !== '') {
    const form = new URLSearchParams(body);
    form.delete(path);
    body = form.toString();
  }
  return { ...s, query: query.toString(), body };
}

export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** Every template string of a config: requests, headers, auth, unicode flags, signature secrets. */
export function templates(config: GatewayConfig): string[] {
  const out: string[] = [];
  const walk = (v: ParamValue | undefined): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const requests = [config.send, config.balance, config.numberCheck, config.statusQuery];
  for (const r of requests) {
    if (r === undefined) continue;
    out.push(r.url);
    walk(r.params);
    if (r.auth !== undefined) walk(Object.fromEntries(Object.entries(r.auth).filter(([k]) => k !== 'type' && k !== 'name')));
  }
  walk(config.send.headers);
  walk(config.send.unicode.params);
  walk(config.send.unicode.gsmParams);
  for (const sig of [config.statusCallback?.signature, config.replyCallback?.signature]) {
    if (sig !== undefined && 'secret' in sig) out.push(sig.secret);
  }
  return out;
}
