import { beforeAll, describe, expect, it } from 'vitest';
import { json, useTestApp, type TestApp } from './helpers.js';

const TO = '+447400123456';
const CURLY = '\u201CYour table\u2019s ready\u201D';
const PLAIN = `"Your table's ready"`;

const send = (t: TestApp, payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/v1/messages', key: t.user.key, payload });
const setAccount = (t: TestApp, smartEncoding: boolean | null) =>
  t.request({ method: 'PATCH', url: '/v1/account', key: t.user.key, payload: { smartEncoding } });

describe('smart encoding per account', () => {
  const t = useTestApp();
  let gw: string;
  beforeAll(async () => {
    gw = await t.createGateway();
  });

  it('is the default of an account that turns it on; a message’s own flag still wins', async () => {
    expect(json(await send(t, { to: TO, content: CURLY, gateway: gw }))).toMatchObject({ content: CURLY, encoding: 'ucs2' });

    const on = await setAccount(t, true);
    expect(on.statusCode).toBe(200);
    expect(json(on)['smartEncoding']).toBe(true);
    const res = await send(t, { to: TO, content: CURLY, gateway: gw });
    expect(json(res)).toMatchObject({
      content: PLAIN,
      encoding: 'gsm7',
      metadata: { smsgw: { smartEncoding: { after: { encoding: 'gsm7' } } } },
    });
    expect(json(await send(t, { to: TO, content: CURLY, gateway: gw, smartEncoding: false }))).toMatchObject({ encoding: 'ucs2' });

    // Another account keeps the API's default (off).
    expect(
      json(await t.request({ method: 'POST', url: '/v1/messages', payload: { to: TO, content: CURLY, gateway: gw } }))['encoding'],
    ).toBe('ucs2');

    const reset = await setAccount(t, null);
    expect(json(reset)['smartEncoding']).toBeNull();
    expect(json(await send(t, { to: TO, content: CURLY, gateway: gw }))).toMatchObject({ encoding: 'ucs2' });
  });
});

describe('an account that turns it off under an API default of on', () => {
  const t = useTestApp({ SMSGW_SMART_ENCODING: 'true' });
  let gw: string;
  beforeAll(async () => {
    gw = await t.createGateway();
  });

  it('sends as written', async () => {
    expect(json(await send(t, { to: TO, content: CURLY, gateway: gw }))['encoding']).toBe('gsm7');
    await setAccount(t, false);
    expect(json(await send(t, { to: TO, content: CURLY, gateway: gw }))['encoding']).toBe('ucs2');
  });
});

describe('POST /v1/segments', () => {
  const t = useTestApp();

  it('says smart encoding is enabled when the account turned it on', async () => {
    const count = async () =>
      json(await t.request({ method: 'POST', url: '/v1/segments', key: t.user.key, payload: { content: CURLY } }))['smartEncoding'];
    expect(await count()).toMatchObject({ enabled: false, before: { encoding: 'ucs2' }, after: { encoding: 'gsm7' } });
    await setAccount(t, true);
    expect(await count()).toMatchObject({ enabled: true });
  });
});
