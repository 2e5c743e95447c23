import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, REPORT_STATUSES, templateVariables } from '@smsgw/core';
import { gatewayConfigSchema, type GatewayConfig, type ParamValue } from '../src/config/schema.js';
import { presetsDir } from '../src/presets.js';
import { mergeSettings, renderSendRequest, type RenderedRequest, type SendContext } from '../src/render.js';
import { classifyResult } from '../src/classify.js';
import { getPath } from '../src/extract.js';
import { parseStatusCallback } from '../src/callbacks/parse-status.js';
import { parseReplyCallback } from '../src/callbacks/parse-reply.js';
import { parseStatusQuery, renderStatusQuery } from '../src/status-query.js';
import type { CallbackRequest } from '../src/callbacks/request.js';

/**
 * One contract, run for every preset file: whoever adds a preset gets these checks for free, and a
 * preset without fixtures copied from its provider's documentation fails here.
 */

const UNICODE_TEXT = 'Привет';
const SANDBOX_BASE = 'http://127.0.0.1:4010';

const record = z.record(z.string(), z.unknown());
const source = z.string().min(1, 'every sample names the doc it was copied from');
const sendSample = z.object({
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
    expectedRequest: z.object({ method: z.enum(['GET', 'POST']), url: z.url(), headers: z.record(z.string(), z.string()).default({}) }).strict(),
    responses: z
      .array(sendSample.omit({ expect: true }).extend({ expect: record.and(z.object({ kind: z.enum(['found', 'unmapped', 'not_found', 'inconclusive']) })) }))
      .min(2),
  })
  .strict();
const paramsExpectation = z.object({ form: record.optional(), json: z.unknown().optional(), query: record.optional() }).strict();
const fixtureSchema = z
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
      })
      .strict(),
    expectedRequest: paramsExpectation.extend({
      method: z.enum(['GET', 'POST', 'PUT']),
      url: z.url(),
      headers: z.record(z.string(), z.string()).default({}),
    }),
    unicodeExpect: paramsExpectation.optional(),
    /** Test-only private key for public-key signature schemes (the e2e test signs with it). */
    signingKey: z.string().optional(),
    signingKeyNote: z.string().optional(),
    sendResponses: z.array(sendSample).min(2),
    statusCallbacks: z.array(callbackSample).default([]),
    replyCallbacks: z.array(callbackSample).default([]),
    statusQuery: statusQueryFixture.optional(),
  })
  .strict();
type Fixture = z.infer<typeof fixtureSchema>;
type CallbackSample = z.infer<typeof callbackSample>;

const dir = presetsDir();
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function sendContext(config: GatewayConfig, f: Fixture, overrides: Partial<SendContext> = {}): SendContext {
  return { ...f.context, from: f.context.from, settings: mergeSettings(config, f.context.settings), ...overrides };
}

/** The parameters a rendered request carries, decoded the way the provider will read them. */
function decodedParams(config: GatewayConfig, req: RenderedRequest): unknown {
  if (config.send.body === 'json') return JSON.parse(req.body ?? 'null') as unknown;
  const pairs = config.send.body === 'form' ? new URLSearchParams(req.body ?? '') : new URL(req.url).searchParams;
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function expectedParams(config: GatewayConfig, e: z.infer<typeof paramsExpectation>): unknown {
  const kind = config.send.body === 'none' ? 'query' : config.send.body;
  const value = e[kind];
  expect(value, `fixture must give the ${kind} params`).toBeDefined();
  return value;
}

function callbackRequest(url: string, s: CallbackSample): CallbackRequest {
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
function plain(items: readonly object[]): Record<string, unknown>[] {
  return items.map((item) =>
    Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
  );
}

function deletePath(target: unknown, path: string): void {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = parts.pop() ?? '';
  let cur: unknown = target;
  for (const p of parts) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  if (cur !== null && typeof cur === 'object') delete (cur as Record<string, unknown>)[last];
}

/** The same callback with one field removed wherever it is carried (query, form or JSON body). */
function withoutField(s: CallbackSample, path: string, each: string | undefined): CallbackSample {
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

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** Every template string of a config: requests, headers, auth, unicode flags, signature secrets. */
function templates(config: GatewayConfig): string[] {
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

const CONTEXT_VARS = new Set(['to', 'from', 'content', 'encoding', 'segments', 'messageId', 'statusCallbackUrl', 'replyCallbackUrl', 'gatewayMessageId']);

describe.each(names)('preset %s', (name) => {
  // Read in the tests, not while collecting: a missing or malformed fixture fails this preset only.
  let cachedConfig: GatewayConfig | undefined;
  const conf = (): GatewayConfig => (cachedConfig ??= gatewayConfigSchema.parse(readJson(join(dir, `${name}.json`))));
  let cached: Fixture | undefined;
  const fx = (): Fixture => (cached ??= fixtureSchema.parse(readJson(join(dir, 'fixtures', `${name}.json`))));

  it('has a fixture file whose every sample names its source', () => {
    expect(fx().sendResponses.length).toBeGreaterThan(0);
  });

  it('declares exactly the credentials its templates use, and defaults every setting used', () => {
    const config = conf();
    const used = templates(config).flatMap((t) => templateVariables(t));
    const creds = new Set(used.filter((v) => v.startsWith('credentials.')).map((v) => v.slice('credentials.'.length)));
    expect([...creds].sort()).toEqual(config.credentials.map((c) => c.name).sort());
    for (const v of used) {
      if (v.startsWith('settings.')) expect(config.settings, v).toHaveProperty([v.slice('settings.'.length)]);
      else if (!v.startsWith('credentials.')) expect(CONTEXT_VARS.has(v), `unknown variable ${v}`).toBe(true);
    }
  });

  it('sends to {{settings.baseUrl}}, so the sandbox or a proxy can stand in', () => {
    const config = conf();
    expect(config.send.url.startsWith('{{settings.baseUrl}}')).toBe(true);
    const ctx = sendContext(config, fx(), { settings: mergeSettings(config, { baseUrl: SANDBOX_BASE }) });
    expect(new URL(renderSendRequest(config, ctx).url).host).toBe('127.0.0.1:4010');
  });

  it('renders the fixture message as the provider documents the request', () => {
    const config = conf();
    const req = renderSendRequest(config, sendContext(config, fx()));
    const want = fx().expectedRequest;
    expect(req.method).toBe(want.method);
    if (config.send.body === 'query') expect(req.url.split('?')[0]).toBe(want.url.split('?')[0]);
    else expect(req.url).toBe(want.url);
    for (const [k, v] of Object.entries(want.headers)) expect(req.headers[k.toLowerCase()], `header ${k}`).toBe(v);
    expect(decodedParams(config, req)).toEqual(expectedParams(config, want));
  });

  it('flags Unicode content as the provider documents it', () => {
    const config = conf();
    const ctx = sendContext(config, fx(), { content: UNICODE_TEXT, encoding: 'ucs2' });
    if (!config.send.unicode.supported) {
      expect(thrown(() => renderSendRequest(config, ctx))).toMatchObject({ code: 'unicode_not_supported' });
      return;
    }
    const want = fx().unicodeExpect;
    expect(want, 'fixture must give unicodeExpect').toBeDefined();
    if (want === undefined) return;
    const got = decodedParams(config, renderSendRequest(config, ctx));
    expect(got).toMatchObject(expectedParams(config, want) as object);
  });

  it('classifies every documented send response', () => {
    const config = conf();
    const kinds = new Set(fx().sendResponses.map((s) => s.expect.kind));
    expect(kinds.has('accepted'), 'at least one accepted sample').toBe(true);
    expect(kinds.size, 'at least one error sample').toBeGreaterThan(1);
    for (const s of fx().sendResponses) {
      const result = { kind: 'response' as const, status: s.status, headers: s.headers, body: s.body, truncated: false };
      expect(classifyResult(config, result, new Date('2025-01-01T00:00:00Z')), s.source).toMatchObject(s.expect);
    }
  });

  it('reads every documented delivery report', () => {
    const config = conf();
    const cfg = config.statusCallback;
    expect(fx().statusCallbacks.length > 0, 'status fixtures exist iff the preset reads reports').toBe(cfg !== undefined);
    if (cfg === undefined) return;
    for (const s of fx().statusCallbacks) {
      const got = parseStatusCallback(cfg, callbackRequest(fx().context.statusCallbackUrl, s));
      expect(got.length, s.source).toBe(s.expect.length);
      expect(plain(got), s.source).toMatchObject(s.expect);
    }
  });

  it('maps every provider status word to one of ours', () => {
    const config = conf();
    const known: readonly string[] = REPORT_STATUSES;
    for (const [word, ours] of Object.entries(config.statusCallback?.statusMap ?? {})) {
      expect(known.includes(ours), `${word} → ${ours}`).toBe(true);
    }
  });

  it('rejects a delivery report without the message id with 400', () => {
    const config = conf();
    const cfg = config.statusCallback;
    const sample = fx().statusCallbacks[0];
    if (cfg === undefined || sample === undefined) return;
    const broken = withoutField(sample, cfg.messageId, cfg.each);
    const err = thrown(() => parseStatusCallback(cfg, callbackRequest(fx().context.statusCallbackUrl, broken)));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400 });
  });

  it('looks a message up, and reads every documented lookup answer', () => {
    const config = conf();
    const fixture = fx().statusQuery;
    expect(fixture !== undefined, 'status lookup fixtures exist iff the preset can look messages up').toBe(config.statusQuery !== undefined);
    if (fixture === undefined) return;
    const f = fx();
    const req = renderStatusQuery(config, {
      messageId: f.context.messageId,
      gatewayMessageId: fixture.gatewayMessageId ?? null,
      to: f.context.to,
      credentials: f.context.credentials,
      settings: mergeSettings(config, f.context.settings),
    });
    expect(req?.method).toBe(fixture.expectedRequest.method);
    expect(req?.url).toBe(fixture.expectedRequest.url);
    for (const [k, v] of Object.entries(fixture.expectedRequest.headers)) expect(req?.headers[k.toLowerCase()], `header ${k}`).toBe(v);
    const kinds = new Set(fixture.responses.map((r) => r.expect.kind));
    expect(kinds.has('found'), 'at least one found sample').toBe(true);
    for (const r of fixture.responses) {
      const result = { kind: 'response' as const, status: r.status, headers: r.headers, body: r.body, truncated: false };
      expect(parseStatusQuery(config, result), r.source).toMatchObject(r.expect);
    }
  });

  it('reads every documented inbound message', () => {
    const config = conf();
    const cfg = config.replyCallback;
    expect(fx().replyCallbacks.length > 0, 'reply fixtures exist iff the preset reads replies').toBe(cfg !== undefined);
    if (cfg === undefined) return;
    for (const s of fx().replyCallbacks) {
      const got = parseReplyCallback(cfg, callbackRequest(fx().context.replyCallbackUrl, s));
      expect(got.length, s.source).toBe(s.expect.length);
      expect(plain(got), s.source).toMatchObject(s.expect);
    }
  });
});
