import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transition } from '@smsgw/db';
import { testAccount } from '../../../test/support/env.js';
import { json, useTestApp, type TestKey } from './helpers.js';

const UK = '+447400123456';
const US = '+12025550123';

const t = useTestApp();
let gw: string;

beforeAll(async () => {
  gw = await t.createGateway();
});

async function sendAs(who: TestKey, body: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/v1/messages',
    key: who.key,
    payload: { to: UK, content: 'hi', gateway: gw, ...body },
  });
  if (res.statusCode !== 202) throw new Error(`send: ${res.statusCode} ${res.body}`);
  return String(json(res)['id']);
}

const getAs = (who: TestKey, url: string) => t.request({ method: 'GET', url, key: who.key });
const cancelAs = (who: TestKey, id: string) => t.request({ method: 'POST', url: `/v1/messages/${id}/cancel`, key: who.key });

type Page = { data: Array<{ id: string; status: string; to: string }>; nextCursor: string | null };

describe('GET /v1/messages/:id', () => {
  it('shows the message with its events and replies', async () => {
    const id = await sendAs(t.user);
    const res = await getAs(t.user, `/v1/messages/${id}`);
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body).toMatchObject({ id, status: 'queued', to: UK, gateway: gw, replies: [] });
    expect(body['events']).toEqual([expect.objectContaining({ type: 'accepted', status: 'queued', gateway: gw })]);
    expect(body).not.toHaveProperty('requestHash');
    expect(body).not.toHaveProperty('accountId');
  });

  it('404 for an unknown id, and for another account’s message', async () => {
    expect((await getAs(t.user, '/v1/messages/msg_01AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect(json(await getAs(t.user, '/v1/messages/not-even-an-id')).error?.code).toBe('not_found');
    expect((await getAs(t.user, '/v1/messages/msg_%00')).statusCode).toBe(400);
    expect((await cancelAs(t.user, 'msg_%00')).statusCode).toBe(400);
    const id = await sendAs(t.user);
    const other = await getAs(t.admin, `/v1/messages/${id}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(UK);
  });
});

describe('GET /v1/messages', () => {
  let who: TestKey;
  const ids: string[] = [];
  beforeAll(async () => {
    who = await testAccount(t.database);
    for (let i = 0; i < 7; i++) {
      const to = i % 2 === 0 ? UK : US;
      ids.push(await sendAs(who, { to, billee: { type: 'customer', id: i < 3 ? 'c1' : 'c2' } }));
    }
  });

  it('lists only the account’s messages, newest first', async () => {
    const page = json(await getAs(who, '/v1/messages')) as unknown as Page;
    expect(page.data.map((m) => m.id)).toEqual([...ids].reverse());
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor: stable, no duplicates, nothing missed, even while new messages arrive', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await getAs(who, `/v1/messages?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = json(res) as unknown as Page;
      seen.push(...page.data.map((m) => m.id));
      cursor = page.nextCursor;
      // A message accepted mid-listing is newer than every cursor: it must not show up in later pages.
      if (pages++ === 0) await sendAs(who, { content: 'arrived while paging' });
    } while (cursor && pages < 10);
    expect(seen).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by status, recipient (normalised) and billee', async () => {
    const first = ids[0] ?? '';
    expect((await cancelAs(who, first)).statusCode).toBe(200);
    const cancelled = json(await getAs(who, '/v1/messages?status=cancelled')) as unknown as Page;
    expect(cancelled.data.map((m) => m.id)).toEqual([first]);

    const us = json(await getAs(who, `/v1/messages?to=${encodeURIComponent('+1 (202) 555-0123')}`)) as unknown as Page;
    expect(us.data.map((m) => m.id).sort()).toEqual([ids[1], ids[3], ids[5]].sort());
    expect(us.data.every((m) => m.to === US)).toBe(true);

    const c1 = json(await getAs(who, '/v1/messages?billee=customer:c1')) as unknown as Page;
    expect(c1.data.map((m) => m.id).sort()).toEqual(ids.slice(0, 3).sort());
    const none = json(await getAs(who, '/v1/messages?billee=customer:nobody')) as unknown as Page;
    expect(none.data).toEqual([]);
  });

  it.each([
    'status=bogus',
    'limit=0',
    'limit=501',
    'limit=abc',
    'billee=nocolon',
    'billee=:id',
    'to=not-a-number',
    'colour=blue',
    'cursor=%00',
    'billee=a:%00',
  ])('400 for %s', async (q) => {
    const res = await getAs(who, `/v1/messages?${q}`);
    expect(res.statusCode).toBe(400);
    expect(json(res).error?.code).toBe('invalid_request');
  });
});

describe('POST /v1/messages/:id/cancel', () => {
  it('cancels a queued message once; a second cancel is 409', async () => {
    const id = await sendAs(t.user);
    const res = await cancelAs(t.user, id);
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ id, status: 'cancelled' });
    const again = await cancelAs(t.user, id);
    expect(again.statusCode).toBe(409);
    expect(json(again).error?.code).toBe('not_cancellable');
    const events = json(await getAs(t.user, `/v1/messages/${id}`))['events'] as Array<{ type: string }>;
    expect(events.map((e) => e.type)).toEqual(['accepted', 'cancelled']);
  });

  it('cancels a scheduled message', async () => {
    const id = await sendAs(t.user, { sendAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(json(await cancelAs(t.user, id))['status']).toBe('cancelled');
  });

  it('409 for a message already sent', async () => {
    const id = await sendAs(t.user);
    await transition(t.database.db, id, ['queued'], { status: 'sent' }, { type: 'sent' });
    const res = await cancelAs(t.user, id);
    expect(res.statusCode).toBe(409);
    expect(json(res).error?.message).toContain('sent');
  });

  it('404 for an unknown message and for another account’s', async () => {
    expect((await cancelAs(t.user, 'msg_01AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    const id = await sendAs(t.user);
    expect((await cancelAs(t.admin, id)).statusCode).toBe(404);
    expect(json(await getAs(t.user, `/v1/messages/${id}`))['status']).toBe('queued');
  });

  it('concurrent cancels: exactly one wins', async () => {
    const id = await sendAs(t.user);
    const all = await Promise.all(Array.from({ length: 5 }, () => cancelAs(t.user, id)));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
  });
});

describe('POST /v1/segments', () => {
  const count = (payload: unknown) =>
    t.request({ method: 'POST', url: '/v1/segments', key: t.user.key, payload: payload as Record<string, unknown> });

  it.each([
    ['hello', { encoding: 'gsm7', characters: 5, units: 5, segments: 1, perSegment: 160, remaining: 155, nonGsmCharacters: [] }],
    ['€', { encoding: 'gsm7', characters: 1, units: 2, segments: 1 }],
    ['a'.repeat(160), { encoding: 'gsm7', segments: 1, remaining: 0 }],
    ['a'.repeat(161), { encoding: 'gsm7', segments: 2, perSegment: 153 }],
    [
      'Привет 😀',
      { encoding: 'ucs2', characters: 8, units: 9, segments: 1, perSegment: 70, nonGsmCharacters: ['П', 'р', 'и', 'в', 'е', 'т', '😀'] },
    ],
    ['', { segments: 0 }],
  ])('%j', async (content, expected) => {
    const res = await count({ content });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject(expected);
  });

  it.each([
    ['no content', {}],
    ['a number', { content: 5 }],
    ['an unknown field', { content: 'x', extra: 1 }],
    ['over 20000 characters', { content: 'x'.repeat(20_001) }],
  ])('400 for %s', async (_what, body) => {
    const res = await count(body);
    expect(res.statusCode).toBe(400);
    expect(json(res).error?.code).toBe('invalid_request');
  });

  it('needs a key', async () => {
    expect((await t.request({ method: 'POST', url: '/v1/segments', key: null, payload: { content: 'x' } })).statusCode).toBe(401);
  });
});

describe('robustness', () => {
  it('never answers 5xx to a listing, whatever the query', async () => {
    const query = fc.dictionary(
      fc.constantFrom('status', 'to', 'billee', 'cursor', 'limit', 'x'),
      fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.constantFrom('queued', '+447400123456', 'a:b', '0', '-1', '1e3', 'msg_'),
      ),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.string({ unit: 'binary', maxLength: 40 }), async (q, id) => {
        const list = await getAs(t.user, `/v1/messages?${new URLSearchParams(q).toString()}`);
        expect(list.statusCode, list.body).toBeLessThan(500);
        const one = await getAs(t.user, `/v1/messages/${encodeURIComponent(id) || 'x'}`);
        expect(one.statusCode, one.body).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
