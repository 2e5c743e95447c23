import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../apps/api/test/helpers.js';
import { callbackToken, seedMessage } from '../../apps/api/test/callbacks-fixtures.js';
import { nastyString } from './arbitraries.js';
import { callbackShape, loadFixtures, type Fixture } from './callback-shapes.js';

/**
 * Every callback route — status and reply, new paths and legacy ones, GET and POST, form, JSON
 * and query — for a gateway of every preset (and, for the presets that check signatures, one
 * with the check switched off so the parsers see the input too), through app.inject against
 * the real test database: whatever the provider sends, the answer is never a 5xx. Messages
 * exist for the fixtures' gateway ids, so hostile reports also reach the status updates.
 */
interface Target {
  name: string;
  token: string;
  status: Fixture[];
  reply: Fixture[];
}

const PRESETS = new URL('../../packages/gateways/presets/', import.meta.url);

interface PresetFile {
  credentials?: { name: string; required?: boolean }[];
  statusCallback?: { signature?: { scheme: string } };
  replyCallback?: { signature?: { scheme: string } };
}

const presetFile = (preset: string): PresetFile => JSON.parse(readFileSync(new URL(`${preset}.json`, PRESETS), 'utf8')) as PresetFile;

/** Dummy values for the credentials a preset requires (they are never sent anywhere). */
function credentialsOf(preset: string): Record<string, string> {
  return Object.fromEntries((presetFile(preset).credentials ?? []).filter((c) => c.required).map((c) => [c.name, `fuzz-${c.name}`]));
}

/**
 * The preset as a full custom config with its signature checks off, so that hostile input gets
 * past them to the parsers (an override cannot do it: overrides merge, and `none` takes no secret).
 */
function unsignedConfig(preset: string): PresetFile | undefined {
  const config = presetFile(preset);
  const signed = [config.statusCallback, config.replyCallback].some((c) => c?.signature && c.signature.scheme !== 'none');
  if (!signed) return undefined;
  for (const c of [config.statusCallback, config.replyCallback]) if (c?.signature) c.signature = { scheme: 'none' };
  return config;
}

/** encodeURIComponent refuses lone surrogates; in a path they could not reach the server anyway. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

describe('fuzz: callback routes never answer 5xx', () => {
  const t = useTestApp();
  const targets: Target[] = [];

  beforeAll(async () => {
    // A fixture file without a preset of the same name (none today) has nothing to call back.
    for (const f of loadFixtures().filter((x) => existsSync(new URL(`${x.preset}.json`, PRESETS)))) {
      const variants: Record<string, unknown>[] = [
        { preset: f.preset, credentials: credentialsOf(f.preset), settings: { baseUrl: 'http://127.0.0.1:9' } },
      ];
      const unsigned = unsignedConfig(f.preset);
      if (unsigned) variants.push({ config: unsigned, credentials: credentialsOf(f.preset), settings: { baseUrl: 'http://127.0.0.1:9' } });
      for (const body of variants) {
        const name = await t.createGateway(body);
        const token = await callbackToken(t.database.db, name);
        // The fixtures' own message ids, so a mutated report may still find its message.
        const ids = new Set(
          [...f.statusCallbacks, ...f.replyCallbacks]
            .flatMap((c) => (c.expect ?? []).map((e) => e.gatewayMessageId))
            .filter((id): id is string => typeof id === 'string'),
        );
        for (const gatewayMessageId of ids) await seedMessage(t.database.db, t.admin.accountId, name, { gatewayMessageId });
        targets.push({ name, token, status: f.statusCallbacks, reply: f.replyCallbacks });
      }
    }
    expect(targets.length).toBeGreaterThanOrEqual(16);
  }, 60_000);

  type PathKind = 'ok' | 'badToken' | 'badGateway' | 'legacyQuery' | 'legacyBasic';

  /** The URL (and header) of a callback to `target`, on the route `route`, reached the `kind` way. */
  const where = (
    target: Target,
    route: 'status' | 'reply',
    kind: PathKind,
    junk: string,
  ): { url: string; headers: Record<string, string> } => {
    const seg = encodeURIComponent(junk.replace(LONE_SURROGATE, '\ufffd'));
    switch (kind) {
      case 'ok':
        return { url: `/callbacks/${target.name}/${target.token}/${route}`, headers: {} };
      case 'badToken':
        return { url: `/callbacks/${target.name}/${seg || 'x'}/${route}`, headers: {} };
      case 'badGateway':
        return { url: `/callbacks/${seg || 'x'}/${target.token}/${route}`, headers: {} };
      case 'legacyQuery':
        return { url: `/sms/${route}_postback/?gateway=${target.name}&token=${target.token}`, headers: {} };
      case 'legacyBasic':
        return {
          url: `/sms/${route}_postback/`,
          headers: { authorization: `Basic ${Buffer.from(`${target.name}:${target.token}`).toString('base64')}` },
        };
    }
  };

  const callbackCase = fc
    .record({
      target: fc.constantFrom(...Array.from({ length: 64 }, (_, i) => i)),
      route: fc.constantFrom<'status' | 'reply'>('status', 'reply'),
      kind: fc.constantFrom<PathKind>('ok', 'ok', 'ok', 'legacyQuery', 'legacyBasic', 'badToken', 'badGateway'),
      junk: nastyString,
    })
    .chain(({ target: i, route, kind, junk }) => {
      const target = targets[i % targets.length] as Target;
      const fixtures = route === 'status' ? target.status : target.reply;
      const fallback: Fixture = { method: 'POST', contentType: 'application/json', query: '', body: '{}' };
      // The gateway by name only: a counterexample stays short enough to read.
      return callbackShape(fixtures.length > 0 ? fixtures : [fallback]).map((shape) => ({
        gateway: target.name,
        route,
        kind,
        junk,
        shape,
      }));
    });

  it('mutated provider callbacks of every preset, every route and encoding', async () => {
    const answers = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(callbackCase, async ({ gateway, route, kind, junk, shape }) => {
        const target = targets.find((x) => x.name === gateway) as Target;
        const at = where(target, route, kind, junk);
        const url = shape.query === '' ? at.url : `${at.url}${at.url.includes('?') ? '&' : '?'}${shape.query}`;
        const res = await t.app.inject({
          method: shape.method,
          url,
          headers: { ...at.headers, ...(shape.contentType === undefined ? {} : { 'content-type': shape.contentType }) },
          ...(shape.payload === undefined ? {} : { payload: shape.payload }),
        });
        expect(
          res.statusCode,
          `${shape.method} ${url.slice(0, 300)} (${shape.contentType ?? 'no type'}): ${res.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        const key = `${route} ${res.statusCode}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 90_000 },
    );
    console.log('[fuzz] callback answers:', Object.fromEntries([...answers].sort()));
    // Most runs must get past authentication to the parsers, or the fuzz tests little.
    const accepted = [...answers].filter(([k]) => / 2\d\d$/.test(k)).reduce((n, [, v]) => n + v, 0);
    expect(accepted).toBeGreaterThan(100);
  }, 150_000);

  it('found by this fuzz: a report whose charge does not fit the charge column (numeric(12,6)) is not a 5xx', async () => {
    const target = targets.find((x) => x.status.some((f) => f.body.includes('"price":"0.0050"')));
    if (!target) throw new Error('no sandbox gateway');
    const fixture = target.status.find((f) => f.body.includes('"price":"0.0050"')) as Fixture;
    for (const price of ['1000000', '-1000000', '1e300']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/callbacks/${target.name}/${target.token}/status`,
        headers: { 'content-type': 'application/json' },
        payload: fixture.body.replace('"price":"0.0050"', `"price":"${price}"`),
      });
      expect(res.statusCode, `price ${price}: ${res.body}`).toBeLessThan(500);
    }
  });
});
