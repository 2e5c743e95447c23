import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normalizePhone, renderTemplate } from '@smsgw/core';
import { getPreset, listPresets, mergeSettings, type GatewayConfig, type SignatureConfig } from '@smsgw/gateways';
import { startHarness, uniqueName, type Harness } from '../../apps/worker/test/harness.js';
import {
  readFixture,
  signCallback,
  startFakeProvider,
  verifyMac,
  type CallbackSample,
  type ExpectedRequest,
  type FakeProvider,
  type Fixture,
  type RecordedRequest,
} from './fake-provider.js';

/**
 * Every shipped preset, end to end: a gateway added through the API with only the credentials of
 * its documentation fixture and a baseUrl pointing at a fake provider; a message sent through
 * the real workers; the request the provider received compared with the one its docs describe;
 * then the provider's documented delivery report and inbound message posted to the gateway's
 * real callback URLs. A new preset file is covered by this test without touching it.
 */

type Swap = readonly [from: string, to: string];

const swapText = (text: string, swaps: readonly Swap[]): string => swaps.reduce((t, [a, b]) => (a === '' ? t : t.split(a).join(b)), text);

function swapDeep(value: unknown, swaps: readonly Swap[]): unknown {
  if (typeof value === 'string') return swapText(value, swaps);
  if (Array.isArray(value)) return value.map((v) => swapDeep(v, swaps));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swapDeep(v, swaps)]));
  return value;
}

/** Query or form pairs as the provider reads them: a repeated name becomes a list. */
function pairs(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

// Docs use fictional numbers (+44 7700 900xxx, +1 555…) that our API rightly refuses: a valid
// stand-in of the same country takes their place, in what we send and in what we expect.
const STAND_INS: Record<string, readonly [string, string]> = {
  '1': ['+12025550123', '+12025550124'],
  '44': ['+447400123456', '+447400123457'],
};

function standIn(number: string, slot: 0 | 1): string {
  if (normalizePhone(number).ok) return number;
  const code = Object.keys(STAND_INS).find((c) => number.startsWith(`+${c}`));
  const replacement = (code === undefined ? undefined : STAND_INS[code]?.[slot]) ?? ['+4915123456789', '+4915123456788'][slot] ?? '';
  expect(normalizePhone(replacement).ok, `stand-in ${replacement} must be valid`).toBe(true);
  return replacement;
}

const digits = (n: string): string => n.replace(/\D/g, '');

const gatewaySchema = z.object({ callbackUrls: z.object({ status: z.string(), reply: z.string() }) });
const repliesSchema = z.object({ data: z.array(z.object({ gateway: z.string(), content: z.string(), messageId: z.string().nullable() })) });

describe('every preset, end to end through the API, the workers and a fake provider', () => {
  let h: Harness;
  let fake: FakeProvider;
  const created: string[] = [];

  beforeAll(async () => {
    [h, fake] = await Promise.all([startHarness(), startFakeProvider()]);
  });
  afterAll(async () => {
    // Other files' workers sync with the shared gateways table: leave none of ours behind.
    for (const name of created) await h?.api('DELETE', `/v1/gateways/${name}`);
    await h?.close();
    await fake?.close();
  });

  /** Posts a provider callback as the provider would, signed under the preset's scheme. */
  async function callback(url: string, sample: CallbackSample, body: string, sig: SignatureConfig, secret: string) {
    const headers: Record<string, string> = sample.contentType === '' ? {} : { 'content-type': sample.contentType };
    Object.assign(headers, signCallback(sig, secret, { method: sample.method, url, contentType: sample.contentType, body }));
    const res = await fetch(url, { method: sample.method, headers, ...(sample.method === 'POST' ? { body } : {}) });
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  }

  describe.each(listPresets().map((p) => p.name))('preset %s', (preset) => {
    const config: GatewayConfig | undefined = getPreset(preset);
    const gateway = uniqueName(`e2e-${preset}`.slice(0, 40));
    let fx: Fixture;
    let urls: { status: string; reply: string };
    let to: string;
    let from: string | undefined;
    /** Fictional numbers of the fixture → the stand-ins we really send to. */
    let numbers: Swap[];
    let sent: { id: string; gatewayMessageId: string | null } | undefined;

    // For a public-key scheme the signer needs the private key, which only the fixture has.
    const secretOf = (sig: SignatureConfig): string =>
      sig.scheme === 'none' ? '' : sig.scheme === 'ed25519' ? (fx.signingKey ?? '') : fromFixture(sig.secret);

    const fromFixture = (template: string): string =>
      renderTemplate(
        template,
        { credentials: fx.context.credentials, settings: mergeSettings(getPresetOrThrow(preset), fx.context.settings) },
        { missing: 'empty' },
      );

    /** The send requests the provider received at `want`'s path, from the `skip`-th on. */
    function sendsReceived(want: ExpectedRequest, skip = 0): RecordedRequest[] {
      const fixtureBase = String(mergeSettings(getPresetOrThrow(preset), fx.context.settings)['baseUrl']);
      expect(want.url.startsWith(fixtureBase), `fixture url ${want.url} is under its baseUrl ${fixtureBase}`).toBe(true);
      const [wantPath = ''] = want.url.slice(fixtureBase.length).split('?');
      // Only sends count: the workers' balance refresh may also call this gateway's balance URL.
      return fake
        .requests(gateway)
        .slice(skip)
        .filter((r) => r.method === want.method && r.path === `/${gateway}${wantPath}`);
    }

    /** The provider got the request its docs describe, with our message id, numbers and callback URLs in place of the fixture's. */
    function expectDocumented(req: RecordedRequest, want: ExpectedRequest, messageId: string): void {
      const cfg = getPresetOrThrow(preset);
      const fixtureBase = String(mergeSettings(cfg, fx.context.settings)['baseUrl']);
      const [wantPath = '', wantQuery = ''] = want.url.slice(fixtureBase.length).split('?');
      const swaps: Swap[] = [
        [fx.context.statusCallbackUrl, urls.status],
        [encodeURIComponent(fx.context.statusCallbackUrl), encodeURIComponent(urls.status)],
        [fx.context.replyCallbackUrl, urls.reply],
        [encodeURIComponent(fx.context.replyCallbackUrl), encodeURIComponent(urls.reply)],
        [fx.context.messageId, messageId],
        ...numbers,
      ];
      expect(req.method).toBe(want.method);
      expect(req.path).toBe(`/${gateway}${wantPath}`);
      const auth = cfg.send.auth;
      for (const [k, v] of Object.entries(want.headers)) {
        // A MAC is signed with the time and a fresh nonce: checked below by the provider's rule instead.
        if (auth.type === 'mac' && k.toLowerCase() === 'authorization') continue;
        expect(req.headers[k.toLowerCase()], `header ${k}`).toBe(swapText(v, swaps));
      }
      if (auth.type === 'mac') expect(verifyMac(req, fromFixture(auth.id), fromFixture(auth.secret))).toEqual({ ok: true });

      const kind = cfg.send.body === 'none' ? 'query' : cfg.send.body;
      const params = kind === 'json' ? (JSON.parse(req.body) as unknown) : pairs(kind === 'form' ? req.body : req.query);
      expect(want[kind], `fixture gives the ${kind} params`).toBeDefined();
      expect(params).toEqual(swapDeep(want[kind], swaps));
      if (kind !== 'query' && wantQuery !== '') expect(pairs(req.query)).toEqual(swapDeep(pairs(wantQuery), swaps));
    }

    beforeAll(async () => {
      fx = readFixture(preset);
      to = standIn(fx.context.to, 0);
      const rawFrom = fx.context.from;
      from = rawFrom !== undefined && /^\+\d+$/.test(rawFrom) ? standIn(rawFrom, 1) : rawFrom;
      numbers = [[digits(fx.context.to), digits(to)]];
      if (rawFrom !== undefined && from !== undefined && rawFrom !== from) numbers.push([digits(rawFrom), digits(from)]);
      const res = await h.api('POST', '/v1/gateways', {
        name: gateway,
        preset,
        credentials: fx.context.credentials,
        settings: { ...fx.context.settings, baseUrl: `${fake.url}/${gateway}` },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      created.push(gateway);
      urls = gatewaySchema.parse(res.json).callbackUrls;
      await h.runtime.sync();
    });

    it('sends exactly the request its provider documents, and ends sent with the provider id', async () => {
      const accepted = fx.sendResponses.find((s) => s.expect.kind === 'accepted');
      if (accepted === undefined) throw new Error(`fixture of ${preset} has no accepted send response`);
      fake.serve(gateway, { status: accepted.status, headers: accepted.headers, body: accepted.body });

      const message = await h.send({ to, content: fx.context.content, gateway, ...(from === undefined ? {} : { from }) });
      const row = await h.waitFor(message.id, ['sent', 'delivered', 'failed', 'unknown']);
      expect(row.status, row.statusMessage ?? '').toBe('sent');
      expect(row.gatewayMessageId).toBe(accepted.expect.gatewayMessageId ?? null);

      const got = sendsReceived(fx.expectedRequest);
      expect(got, 'send requests the provider received').toHaveLength(1);
      const req = got[0];
      if (req === undefined) return;
      expectDocumented(req, fx.expectedRequest, message.id);
      sent = { id: message.id, gatewayMessageId: row.gatewayMessageId };
    });

    // Presets without callbacks get no such test (there is nothing to check), rather than a skipped one.
    const maybe = (present: boolean) => (present ? it : () => undefined);
    maybe(config?.statusCallback !== undefined)(
      'its documented delivery report ends the message delivered; with a wrong token it is refused and changes nothing',
      async () => {
        const cfg = getPresetOrThrow(preset).statusCallback;
        const sample = fx.statusCallbacks.find((s) => s.expect.some((e) => e.status === 'delivered'));
        // A preset with delivery reports must show a delivered one in its fixtures.
        if (cfg === undefined || sample === undefined) throw new Error(`${preset}: no delivered status sample in its fixtures`);
        if (sent === undefined) throw new Error('the send step did not pass');
        const entry = sample.expect.find((e) => e.status === 'delivered');
        const swaps: Swap[] = [];
        // The report names the provider's id where the provider has one, else our id as the reference.
        if (sent.gatewayMessageId !== null && entry?.gatewayMessageId !== undefined && entry.gatewayMessageId !== fx.context.messageId) {
          swaps.push([entry.gatewayMessageId, sent.gatewayMessageId]);
        }
        swaps.push([fx.context.messageId, sent.id], ...numbers);
        const query = swapText(sample.query, swaps);
        const body = swapText(sample.body, swaps);
        const url = query === '' ? urls.status : `${urls.status}?${query}`;
        const secret = secretOf(cfg.signature);

        const token = new URL(urls.status).pathname.split('/')[3] ?? '';
        const wrongUrl = url.replace(`/${token}/`, `/${'x'.repeat(token.length)}/`);
        const before = await h.events(sent.id);
        expect((await callback(wrongUrl, sample, body, cfg.signature, secret)).status).toBe(401);
        expect((await h.message(sent.id)).status).toBe('sent');
        expect(await h.events(sent.id)).toHaveLength(before.length);

        const res = await callback(url, sample, body, cfg.signature, secret);
        expect(res.status, res.body).toBe(cfg.response.status);
        expect(res.body).toBe(cfg.response.body);
        expect(res.contentType.startsWith(cfg.response.contentType), res.contentType).toBe(true);
        const row = await h.waitFor(sent.id, 'delivered');
        expect(row.gatewayMessageId).toBe(sent.gatewayMessageId);
      },
    );

    maybe(config?.replyCallback !== undefined)('its documented inbound message is listed as a reply', async () => {
      const cfg = getPresetOrThrow(preset).replyCallback;
      const sample = fx.replyCallbacks[0];
      const text = sample?.expect[0]?.text;
      if (cfg === undefined || sample === undefined || text === undefined) throw new Error(`${preset}: no inbound sample in its fixtures`);
      const swaps: Swap[] = [[fx.context.messageId, sent?.id ?? fx.context.messageId], ...numbers];
      const query = swapText(sample.query, swaps);
      const url = query === '' ? urls.reply : `${urls.reply}?${query}`;
      const res = await callback(url, sample, swapText(sample.body, swaps), cfg.signature, secretOf(cfg.signature));
      expect(res.status, res.body).toBe(cfg.response.status);
      expect(res.body).toBe(cfg.response.body);

      const listed = async (path: string) => repliesSchema.parse((await h.api('GET', path)).json).data;
      const all = [...(await listed('/v1/replies?limit=500')), ...(await listed('/v1/replies?unmatched=true&limit=500'))];
      expect(all.filter((r) => r.gateway === gateway).map((r) => r.content)).toContain(text);
    });

    it('sends a Unicode message with the flag and text encoding its provider documents', async () => {
      const unicode = fx.unicodeSend;
      const accepted = fx.sendResponses.find((s) => s.expect.kind === 'accepted');
      if (unicode === undefined || accepted === undefined) throw new Error(`fixture of ${preset} has no unicodeSend or accepted response`);
      // The provider's id is unique per gateway: this second message gets an id of its own.
      const id = accepted.expect.gatewayMessageId;
      const otherId = id === undefined ? undefined : `${id.slice(0, -1)}${id.endsWith('7') ? '8' : '7'}`;
      const body = id === undefined || otherId === undefined ? accepted.body : accepted.body.split(id).join(otherId);
      fake.serve(gateway, { status: accepted.status, headers: accepted.headers, body });
      const skip = fake.requests(gateway).length;

      const message = await h.send({ to, content: unicode.content, gateway, ...(from === undefined ? {} : { from }) });
      expect(message.encoding).toBe('ucs2');
      const row = await h.waitFor(message.id, ['sent', 'delivered', 'failed', 'unknown']);
      expect(row.status, row.statusMessage ?? '').toBe('sent');
      expect(row.gatewayMessageId).toBe(otherId ?? null);
      const got = sendsReceived(unicode.expectedRequest, skip);
      expect(got, 'Unicode send requests the provider received').toHaveLength(1);
      if (got[0] !== undefined) expectDocumented(got[0], unicode.expectedRequest, message.id);
    });
  });
});

function getPresetOrThrow(name: string): GatewayConfig {
  const config = getPreset(name);
  if (config === undefined) throw new Error(`preset ${name} vanished`);
  return config;
}
