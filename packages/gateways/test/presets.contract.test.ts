import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, countSegments, REPORT_STATUSES, templateVariables } from '@smsgw/core';
import { gatewayConfigSchema, type GatewayConfig } from '../src/config/schema.js';
import { presetsDir } from '../src/presets.js';
import { mergeSettings, renderSendRequest } from '../src/render.js';
import { classifyResult } from '../src/classify.js';
import { parseStatusCallback } from '../src/callbacks/parse-status.js';
import { parseReplyCallback } from '../src/callbacks/parse-reply.js';
import { parseStatusQuery, renderStatusQuery } from '../src/status-query.js';
import { renderQueryRequest } from '../src/query.js';
import { readNumberCheck } from '../src/number-check.js';
import {
  callbackRequest,
  expectRequest,
  fixtureSchema,
  plain,
  readJson,
  sendContext,
  templates,
  thrown,
  withoutField,
  type Fixture,
} from './preset-fixtures.js';

/**
 * One contract, run for every preset file: whoever adds a preset gets these checks for free, and a
 * preset without fixtures copied from its provider's documentation fails here.
 */

const SANDBOX_BASE = 'http://127.0.0.1:4010';

const dir = presetsDir();
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

const CONTEXT_VARS = new Set([
  'to',
  'from',
  'content',
  'encoding',
  'segments',
  'messageId',
  'statusCallbackUrl',
  'replyCallbackUrl',
  'gatewayMessageId',
  'number',
]);

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
    expectRequest(config, renderSendRequest(config, sendContext(config, fx())), fx().expectedRequest);
  });

  it('sends a Unicode message with the flag and text encoding its provider documents', () => {
    const config = conf();
    const unicode = fx().unicodeSend;
    expect(unicode, 'fixture must give unicodeSend').toBeDefined();
    if (unicode === undefined) return;
    // Cyrillic and an emoji: UCS-2, and a surrogate pair that a hex encoding must keep as two units.
    const info = countSegments(unicode.content);
    expect(info.encoding).toBe('ucs2');
    expect(/\p{Extended_Pictographic}/u.test(unicode.content), 'the Unicode sample has an emoji').toBe(true);
    expect(unicode.segments).toBe(info.segments);
    const ctx = sendContext(config, fx(), { content: unicode.content, encoding: 'ucs2', segments: unicode.segments });
    if (!config.send.unicode.supported) {
      expect(thrown(() => renderSendRequest(config, ctx))).toMatchObject({ code: 'unicode_not_supported' });
      return;
    }
    expectRequest(config, renderSendRequest(config, ctx), unicode.expectedRequest);
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
    expect(fixture !== undefined, 'status lookup fixtures exist iff the preset can look messages up').toBe(
      config.statusQuery !== undefined,
    );
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

  it('checks a number as the provider documents it, and reads every documented answer', () => {
    const config = conf();
    const fixture = fx().numberCheck;
    expect(fixture !== undefined, 'number check fixtures exist iff the preset can check numbers').toBe(config.numberCheck !== undefined);
    if (fixture === undefined || config.numberCheck === undefined) return;
    const f = fx();
    const req = renderQueryRequest(config, 'numberCheck', {
      credentials: f.context.credentials,
      settings: mergeSettings(config, f.context.settings),
      number: fixture.number,
    });
    const want = fixture.expectedRequest;
    expect([req.method, req.url]).toEqual([want.method, want.url]);
    for (const [k, v] of Object.entries(want.headers)) expect(req.headers[k.toLowerCase()], `header ${k}`).toBe(v);
    const body = config.numberCheck.body;
    if (body === 'form') expect(Object.fromEntries(new URLSearchParams(req.body ?? ''))).toEqual(want.form);
    if (body === 'json') expect(JSON.parse(req.body ?? 'null')).toEqual(want.json);
    if (body === 'none') expect(req.body).toBeUndefined();
    const kinds = new Set(fixture.responses.map((r) => r.expect.kind));
    expect(kinds.has('checked') && kinds.has('failed'), 'a verdict and a failed check are both documented').toBe(true);
    for (const r of fixture.responses) {
      const read = readNumberCheck(config, { kind: 'response', status: r.status, headers: r.headers, body: r.body, truncated: false });
      const { kind, ...verdict } = r.expect;
      if (kind === 'failed') expect(read, r.source).toBeUndefined();
      else expect(read, r.source).toMatchObject(verdict);
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
