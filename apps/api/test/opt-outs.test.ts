import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { optOuts, replies } from '@smsgw/db';
import { buildTestApp, json, type TestApp } from './helpers.js';
import { callback, callbackToken, seedMessage, uniqueNumber } from './callbacks-fixtures.js';

describe('opt-outs', () => {
  let t: TestApp;
  let gw: string;
  let replyPath: string;

  beforeAll(async () => {
    t = await buildTestApp();
    gw = await t.createGateway();
    replyPath = `/callbacks/${gw}/${await callbackToken(t.database.db, gw)}/reply`;
  });
  afterAll(async () => t.close());

  const reply = async (from: string, text: string) => {
    const providerId = `sbx_in_${randomBytes(10).toString('hex')}`;
    const body = new URLSearchParams({ msisdn: from, to: 'SMSGW', text, message_id: providerId }).toString();
    expect((await callback(t.app, replyPath, { contentType: 'application/x-www-form-urlencoded', body })).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(replies).where(eq(replies.providerId, providerId));
    return row;
  };
  const send = (to: string, key = t.user.key) =>
    t.request({ method: 'POST', url: '/v1/messages', key, payload: { to, content: 'hi', gateway: gw } });
  /** A conversation: the user's account has sent to the number, so its replies match that account. */
  const conversation = async () => {
    const to = uniqueNumber();
    await seedMessage(t.database.db, t.user.accountId, gw, { to });
    return to;
  };

  it('STOP opts the number out of the account’s messages (422); START lets them through again', async () => {
    const to = await conversation();
    expect((await reply(to, 'STOP'))?.keyword).toBe('stop');
    const refused = await send(to);
    expect(refused.statusCode).toBe(422);
    expect(json(refused).error?.code).toBe('recipient_opted_out');
    // Another account's messages are not affected by an opt-out from this account's.
    expect((await send(to, t.admin.key)).statusCode).toBe(202);
    expect((await reply(to, 'start'))?.keyword).toBe('start');
    expect((await send(to)).statusCode).toBe(202);
  });

  it('every stop word counts, trimmed and in any case; a sentence containing one does not', async () => {
    for (const word of [' stop ', 'StopAll', 'UNSUBSCRIBE', 'cancel', 'End', 'quit\n']) {
      const to = await conversation();
      expect((await reply(to, word))?.keyword).toBe('stop');
      expect((await send(to)).statusCode).toBe(422);
      expect((await reply(to, ' UNSTOP'))?.keyword).toBe('start');
      expect((await send(to)).statusCode).toBe(202);
    }
    const to = await conversation();
    expect((await reply(to, 'please stop by tomorrow'))?.keyword).toBeNull();
    expect((await send(to)).statusCode).toBe(202);
  });

  it('HELP is recorded and opts nobody out', async () => {
    const to = await conversation();
    const r = await reply(to, 'help');
    expect(r?.keyword).toBe('help');
    expect(await t.database.db.select().from(optOuts).where(eq(optOuts.number, to))).toHaveLength(0);
  });

  it('a STOP that matches no message opts out of every account; only an admin key can lift that', async () => {
    const to = uniqueNumber();
    const r = await reply(to, 'STOP');
    expect(r?.accountId).toBeNull();
    expect((await send(to)).statusCode).toBe(422);
    expect((await send(to, t.admin.key)).statusCode).toBe(422);
    const list = json(await t.request({ method: 'GET', url: '/v1/opt-outs?limit=500', key: t.user.key }));
    expect((list['data'] as { number: string; scope: string }[]).find((o) => o.number === to)?.scope).toBe('global');
    const url = `/v1/opt-outs/${encodeURIComponent(to)}?scope=global`;
    expect((await t.request({ method: 'DELETE', url, key: t.user.key })).statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url })).statusCode).toBe(204);
    expect((await send(to)).statusCode).toBe(202);
  });

  it('GET / POST / DELETE /v1/opt-outs manage the account’s list', async () => {
    const to = uniqueNumber();
    const spaced = `${to.slice(0, 3)} ${to.slice(3, 7)} ${to.slice(7)}`;
    const created = await t.request({ method: 'POST', url: '/v1/opt-outs', key: t.user.key, payload: { number: spaced } });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ number: to, scope: 'account', source: 'api' });
    expect((await t.request({ method: 'POST', url: '/v1/opt-outs', key: t.user.key, payload: { number: to } })).statusCode).toBe(200);
    expect((await send(to)).statusCode).toBe(422);

    const page = json(await t.request({ method: 'GET', url: '/v1/opt-outs?limit=500', key: t.user.key }));
    expect((page['data'] as { number: string }[]).some((o) => o.number === to)).toBe(true);
    // Another account does not see (or obey) this account's list.
    const other = json(await t.request({ method: 'GET', url: '/v1/opt-outs?limit=500' }));
    expect((other['data'] as { number: string }[]).some((o) => o.number === to)).toBe(false);

    const del = `/v1/opt-outs/${encodeURIComponent(to)}`;
    expect((await t.request({ method: 'DELETE', url: del, key: t.user.key })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: del, key: t.user.key })).statusCode).toBe(404);
    expect((await send(to)).statusCode).toBe(202);

    expect(
      (await t.request({ method: 'POST', url: '/v1/opt-outs', key: t.user.key, payload: { number: 'not a number' } })).statusCode,
    ).toBe(400);
    expect((await t.request({ method: 'POST', url: '/v1/opt-outs', key: t.user.key, payload: { number: to, extra: 1 } })).statusCode).toBe(
      400,
    );
    expect((await t.request({ method: 'GET', url: '/v1/opt-outs', key: null })).statusCode).toBe(401);
  });
});
