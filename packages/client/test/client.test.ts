import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../apps/api/test/helpers.js';
import { uniqueNumber } from '../../../test/support/fixtures.js';
import { type BatchResult, type Message, type MessageDetail, SmsgwClient, SmsgwError } from '../src/index.js';
import { type FaultyProxy, startFaultyProxy } from './proxy.js';

/** The client against a real API (real PostgreSQL and Redis) listening on loopback. */
describe('SmsgwClient against the API', () => {
  let t: TestApp;
  let url: string;
  let client: SmsgwClient;
  let gateway: string;

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    client = new SmsgwClient({ baseUrl: url, apiKey: t.admin.key, minDelayMs: 5 });
    gateway = await t.createGateway();
  });
  afterAll(async () => {
    await client?.close();
    await t?.close();
  });

  it('sends, reads and lists a message with the types of the document', async () => {
    const to = uniqueNumber();
    const sent = await client.messages.send({ to, content: 'hello from the client', gateway });
    expectTypeOf(sent).toEqualTypeOf<Message>();
    expect(sent).toMatchObject({ to, content: 'hello from the client', status: 'queued' });
    const got = await client.messages.get(sent.id);
    expectTypeOf(got).toEqualTypeOf<MessageDetail>();
    expect(got.events.map((e) => e.type)).toContain('accepted');
    const page = await client.messages.list({ to, limit: 10 });
    expect(page.data.map((m) => m.id)).toEqual([sent.id]);
    // The generic form, typed by path template and method.
    const same = await client.request('get', '/v1/messages/{id}', { params: { id: sent.id } });
    expect(same.id).toBe(sent.id);
  });

  it('sends a batch: refused items come back by index, and a batch with nothing valid is a result, not a throw', async () => {
    const result = await client.messages.batch({
      messages: [
        { to: uniqueNumber(), content: 'one', gateway },
        { to: 'not a number', content: 'two', gateway },
      ],
    });
    expectTypeOf(result).toEqualTypeOf<BatchResult>();
    expect(result).toMatchObject({ accepted: 1, rejected: 1 });
    expect(result.batchId).toMatch(/^bat_/);
    const refused = result.data.find((d) => 'error' in d);
    expect(refused).toMatchObject({ index: 1, error: { code: 'invalid_recipient' } });
    const batch = await client.batches.get(String(result.batchId));
    expect(batch.total).toBe(1);

    const none = await client.messages.batch({ messages: [{ to: 'nope', content: 'x', gateway }] });
    expect(none).toMatchObject({ batchId: null, accepted: 0, rejected: 1 });
  });

  it('raises SmsgwError with the status and code of the API', async () => {
    const missing = await client.messages.get('msg_00000000000000000000000000').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SmsgwError);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const stranger = new SmsgwClient({ baseUrl: url, apiKey: 'sk_wrong_wrong_wrong_wrong', retries: 0 });
    await expect(stranger.account.get()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    await stranger.close();
    const invalid = await client.messages.send({ to: uniqueNumber(), content: '', gateway }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 422 });
  });

  it('reports a refused connection as network_error after its retries', async () => {
    const retries: string[] = [];
    const down = new SmsgwClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'x',
      retries: 2,
      minDelayMs: 1,
      onRetry: (r) => retries.push(r.reason),
    });
    await expect(down.messages.list()).rejects.toMatchObject({ status: 0, code: 'network_error' });
    expect(retries).toHaveLength(2);
    await down.close();
  });

  describe('retries through a faulty proxy', () => {
    let proxy: FaultyProxy;
    let viaProxy: SmsgwClient;
    const delays: number[] = [];
    beforeAll(async () => {
      proxy = await startFaultyProxy(url);
      viaProxy = new SmsgwClient({ baseUrl: proxy.url, apiKey: t.admin.key, minDelayMs: 5, onRetry: (r) => delays.push(r.delayMs) });
    });
    afterAll(async () => {
      await viaProxy?.close();
      await proxy?.close();
    });

    it('a send whose answer was lost is retried with the same Idempotency-Key and stores one message', async () => {
      const to = uniqueNumber();
      proxy.seen.length = 0;
      proxy.plan(['lose-answer']);
      const sent = await viaProxy.messages.send({ to, content: 'once only', gateway });
      const posts = proxy.seen.filter((s) => s.method === 'POST');
      expect(posts).toHaveLength(2);
      expect(posts[0]?.idempotencyKey).toBeDefined();
      expect(posts[1]?.idempotencyKey).toBe(posts[0]?.idempotencyKey);
      const stored = await client.messages.list({ to });
      expect(stored.data.map((m) => m.id)).toEqual([sent.id]);
    });

    it('waits as Retry-After says on 429 and 503, then succeeds', async () => {
      delays.length = 0;
      proxy.plan([
        { status: 429, headers: { 'retry-after': '0' } },
        { status: 503, headers: { 'retry-after': '0' }, body: { error: { code: 'database_unavailable', message: 'retry' } } },
      ]);
      const account = await viaProxy.account.get();
      expect(account.id).toBe(t.admin.accountId);
      expect(delays).toEqual([0, 0]);
    });

    it('does not retry a POST that is not idempotent after a lost answer', async () => {
      proxy.plan(['lose-answer']);
      const name = `gw-lost-${Date.now().toString(36)}`;
      await expect(viaProxy.gateways.add({ name, preset: 'sandbox', settings: { baseUrl: 'http://127.0.0.1:9' } })).rejects.toMatchObject({
        code: 'network_error',
      });
      // The API did create it: a blind retry would have answered gateway_exists.
      expect((await client.gateways.get(name)).name).toBe(name);
      await client.raw('delete', '/v1/gateways/{name}', { params: { name } });
    });

    it('gives up at once on a Retry-After longer than it is willing to wait', async () => {
      const impatient = new SmsgwClient({ baseUrl: proxy.url, apiKey: t.admin.key, maxRetryAfterMs: 1000 });
      proxy.plan([{ status: 429, headers: { 'retry-after': '3600' } }]);
      await expect(impatient.account.get()).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
      await impatient.close();
    });
  });
});
