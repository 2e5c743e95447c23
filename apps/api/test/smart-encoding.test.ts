import { beforeAll, describe, expect, it } from 'vitest';
import { json, useTestApp, type TestApp } from './helpers.js';

const TO = '+447400123456';
/** UCS-2 only because of its curly quotes, dash and no-break space: 2 UCS-2 segments, 1 in GSM-7. */
const CURLY = `\u201CYour table\u2019s ready\u201D \u2013 see you at 8\u00A0pm. ${'x'.repeat(60)}`;
const PLAIN = `"Your table's ready" - see you at 8 pm. ${'x'.repeat(60)}`;

const send = (t: TestApp, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/v1/messages', key: t.user.key, payload });

describe('smart encoding, off by default', () => {
  const t = useTestApp();
  let gw: string;
  beforeAll(async () => {
    gw = await t.createGateway();
  });

  it('sends the text as written unless the message asks', async () => {
    const res = await send(t, { to: TO, content: CURLY, gateway: gw, metadata: { orderId: 'A-1' } });
    expect(res.statusCode).toBe(202);
    expect(json(res)).toMatchObject({ content: CURLY, encoding: 'ucs2', segments: 2, metadata: { orderId: 'A-1' } });
  });

  it('with "smartEncoding": true, replaces the look-alikes and records them in metadata.smsgw', async () => {
    const res = await send(t, { to: TO, content: CURLY, gateway: gw, smartEncoding: true, metadata: { orderId: 'A-2' } });
    expect(res.statusCode).toBe(202);
    const body = json(res);
    expect(body).toMatchObject({ content: PLAIN, encoding: 'gsm7', segments: 1 });
    expect(body['metadata']).toEqual({
      orderId: 'A-2',
      smsgw: {
        smartEncoding: {
          replacements: [
            { char: '\u201C', codePoint: 'U+201C', with: '"', count: 1 },
            { char: '\u2019', codePoint: 'U+2019', with: "'", count: 1 },
            { char: '\u201D', codePoint: 'U+201D', with: '"', count: 1 },
            { char: '\u2013', codePoint: 'U+2013', with: '-', count: 1 },
            { char: '\u00A0', codePoint: 'U+00A0', with: ' ', count: 1 },
          ],
          before: { encoding: 'ucs2', segments: 2 },
          after: { encoding: 'gsm7', segments: 1 },
        },
      },
    });
    const read = json(await t.request({ method: 'GET', url: `/v1/messages/${String(body['id'])}`, key: t.user.key }));
    expect(read).toMatchObject({ content: PLAIN, metadata: body['metadata'] as Record<string, unknown> });
    expect((read['events'] as { type: string; detail: unknown }[])[0]).toMatchObject({
      type: 'accepted',
      detail: { segments: 1, encoding: 'gsm7' },
    });
  });

  it('leaves a text alone when an emoji keeps it UCS-2 anyway, and records nothing', async () => {
    const res = await send(t, { to: TO, content: '\u201CSee you\u201D 👋', gateway: gw, smartEncoding: true });
    expect(json(res)).toMatchObject({ content: '\u201CSee you\u201D 👋', encoding: 'ucs2', metadata: {} });
  });

  it('lets a GSM-only gateway take a message that only looked like Unicode', async () => {
    const gsmOnly = await t.createGateway({ config: { send: { unicode: { supported: false } } } });
    const refused = await send(t, { to: TO, content: CURLY, gateway: gsmOnly });
    expect([refused.statusCode, json(refused).error?.code]).toEqual([422, 'unicode_not_supported']);
    expect((await send(t, { to: TO, content: CURLY, gateway: gsmOnly, smartEncoding: true })).statusCode).toBe(202);
  });

  it('applies to each batch item that asks, as to a single message', async () => {
    const messages = [
      { to: TO, content: CURLY, gateway: gw, smartEncoding: true },
      { to: TO, content: CURLY, gateway: gw },
    ];
    const res = await t.request({ method: 'POST', url: '/v1/messages/batch', key: t.user.key, payload: { messages } });
    expect(res.statusCode).toBe(202);
    const data = json(res)['data'] as { message: { content: string; encoding: string } }[];
    expect(data.map((d) => [d.message.content, d.message.encoding])).toEqual([
      [PLAIN, 'gsm7'],
      [CURLY, 'ucs2'],
    ]);
  });

  it('refuses metadata.smsgw, the key smsgw writes to', async () => {
    const before = await t.messageCount(t.user.accountId);
    const res = await send(t, { to: TO, content: 'x', gateway: gw, metadata: { smsgw: 1 } });
    expect([res.statusCode, json(res).error?.code]).toEqual([400, 'invalid_request']);
    expect(json(res).error?.message).toMatch(/metadata\.smsgw/);
    expect(await t.messageCount(t.user.accountId)).toBe(before);
  });

  it('POST /v1/segments shows the segments before and after, whether or not it is on', async () => {
    const res = await t.request({ method: 'POST', url: '/v1/segments', key: t.user.key, payload: { content: CURLY } });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({
      encoding: 'ucs2',
      segments: 2,
      smartEncoding: {
        enabled: false,
        applied: true,
        skipped: null,
        content: PLAIN,
        before: { encoding: 'ucs2', segments: 2 },
        after: { encoding: 'gsm7', segments: 1, units: PLAIN.length, remaining: 160 - PLAIN.length },
      },
    });
    const on = json(
      await t.request({ method: 'POST', url: '/v1/segments', key: t.user.key, payload: { content: 'Привет', smartEncoding: true } }),
    );
    expect(on['smartEncoding']).toMatchObject({
      enabled: true,
      applied: false,
      skipped: 'nothing_to_replace',
      content: 'Привет',
      replacements: [],
    });
  });
});

describe('smart encoding on by default (SMSGW_SMART_ENCODING=true)', () => {
  const t = useTestApp({ SMSGW_SMART_ENCODING: 'true', SMSGW_MAX_SEGMENTS: '1' });
  let gw: string;
  beforeAll(async () => {
    gw = await t.createGateway();
  });

  it('applies to messages that do not say, and a message may turn it off', async () => {
    expect(json(await send(t, { to: TO, content: '\u2018hi\u2019', gateway: gw }))).toMatchObject({ content: "'hi'", encoding: 'gsm7' });
    expect(json(await send(t, { to: TO, content: '\u2018hi\u2019', gateway: gw, smartEncoding: false }))).toMatchObject({
      content: '\u2018hi\u2019',
      encoding: 'ucs2',
    });
  });

  it('counts segments after smart encoding: a text over the limit as written fits once encoded', async () => {
    const off = await send(t, { to: TO, content: CURLY, gateway: gw, smartEncoding: false });
    expect([off.statusCode, json(off).error?.code]).toEqual([422, 'too_many_segments']);
    expect((json(off).error as { details?: unknown } | undefined)?.details).toEqual({ segments: 2, encoding: 'ucs2', limit: 1 });
    expect((await send(t, { to: TO, content: CURLY, gateway: gw })).statusCode).toBe(202);
  });

  it('answers too_many_segments for a template rendered past what the limit holds', async () => {
    const res = await send(t, { to: TO, template: { body: '{{x}}', vars: { x: 'a'.repeat(161) } }, gateway: gw });
    expect([res.statusCode, json(res).error?.code]).toEqual([422, 'too_many_segments']);
  });

  it('refuses a text of nothing but invisible characters as empty', async () => {
    const res = await send(t, { to: TO, content: '\u200B\u200B', gateway: gw });
    expect([res.statusCode, json(res).error?.code]).toEqual([422, 'empty_content']);
  });
});
