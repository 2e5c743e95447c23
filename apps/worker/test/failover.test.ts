import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sendQueueName } from '@smsgw/core';
import { messages } from '@smsgw/db';
import type { Sandbox } from '@smsgw/sandbox-gateway';
import { eventually } from '../../../test/support/env.js';
import { eventTypes, startHarness, uniqueName, uniqueNumber, type Harness } from './harness.js';

/**
 * Failover along a route: gateway A (first rank) then B. A route per test matches only that
 * test's recipient, so the routes of other tests in this file never see its numbers.
 */
describe('failover', () => {
  let h: Harness;
  let sandboxA: Sandbox;
  let sandboxB: Sandbox;
  let gwA: string;
  let gwB: string;
  beforeAll(async () => {
    // No gateway poll in practice: only the API's Redis notification can tell the workers of a change.
    h = await startHarness({ env: { SMSGW_HTTP_TIMEOUT_MS: '600', SMSGW_GATEWAY_POLL_MS: '600000' } });
    sandboxA = await h.newSandbox();
    sandboxB = await h.newSandbox();
    gwA = await h.addGateway({ sandbox: sandboxA });
    gwB = await h.addGateway({ sandbox: sandboxB });
  });
  afterAll(async () => h?.close());

  /** A recipient routed `first` → `second` (A → B by default); `behaviour` is how sandbox A treats it. */
  const routedNumber = async (behaviour: Parameters<Sandbox['setRule']>[1], first = gwA, second = gwB): Promise<string> => {
    const to = uniqueNumber();
    const res = await h.api('POST', '/v1/routes', {
      name: uniqueName('route'),
      position: -1000,
      match: { prefix: to.slice(1) },
      targets: [
        { gateway: first, rank: 0 },
        { gateway: second, rank: 1 },
      ],
    });
    expect(res.status).toBe(201);
    sandboxA.setRule(to, behaviour);
    return to;
  };

  it('a gateway fault (401) fails over to the next gateway, which sends it', async () => {
    const to = await routedNumber({ mode: 'http401' });
    const accepted = await h.send({ to, content: 'fail over' });
    expect(accepted.route).toEqual([gwA, gwB]);
    expect(accepted.gateway).toBe(gwA);

    const done = await h.waitFor(accepted.id, 'delivered');
    expect(done.gateway).toBe(gwB);
    expect(done.routeIndex).toBe(1);
    expect(done.attempts).toBe(1);
    const events = await h.events(accepted.id);
    expect(eventTypes(events)).toEqual(['accepted', 'sending', 'failover', 'sending', 'sent', 'report']);
    expect(events.map((e) => e.gateway)).toEqual([gwA, gwA, gwB, gwB, gwB, gwB]);
    expect(events[2]?.detail).toMatchObject({ from: gwA, to: gwB, reason: 'auth_failed' });
    expect(sandboxA.requests(to).map((r) => r.status)).toEqual([401]);
    expect(sandboxB.requests(to).map((r) => r.status)).toEqual([200]);
    expect(sandboxB.requests(to)[0]?.params['status_url']).toBe(await h.statusUrl(gwB));
  });

  it('temporary failures exhausted on A fail over to B', async () => {
    const to = await routedNumber({ mode: 'http503' });
    const accepted = await h.send({ to, content: 'A is down' });
    const done = await h.waitFor(accepted.id, 'delivered');
    expect(done.gateway).toBe(gwB);
    expect(sandboxA.requests(to).map((r) => r.status)).toEqual([503, 503, 503]);
    expect(sandboxB.requests(to)).toHaveLength(1);
    expect(eventTypes(await h.events(accepted.id))).toEqual([
      'accepted',
      'sending',
      'retry',
      'sending',
      'retry',
      'sending',
      'failover',
      'sending',
      'sent',
      'report',
    ]);
  });

  it('the message’s own fault (invalid number) does not fail over', async () => {
    const to = await routedNumber({ mode: 'reject' });
    const accepted = await h.send({ to, content: 'bad number everywhere' });
    const done = await h.waitFor(accepted.id, 'failed');
    expect(done.gateway).toBe(gwA);
    expect(sandboxB.requests(to)).toHaveLength(0);
  });

  it('no failover after a timeout: the first gateway may have sent it', async () => {
    const to = await routedNumber({ mode: 'hang' });
    const accepted = await h.send({ to, content: 'maybe sent' });
    const done = await h.waitFor(accepted.id, 'unknown');
    expect(done.gateway).toBe(gwA);
    expect(eventTypes(await h.events(accepted.id))).toEqual(['accepted', 'sending', 'unknown']);
    expect(sandboxA.requests(to)).toHaveLength(1);
    expect(sandboxB.requests(to)).toHaveLength(0);
  });

  it('a gateway disabled after the message was accepted fails over', async () => {
    const first = await h.addGateway({ sandbox: sandboxA });
    const to = await routedNumber(null, first, gwB);
    // Scheduled far ahead, so nothing goes out until the test lets it.
    const accepted = await h.send({ to, content: 'first one gets disabled', sendAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(accepted.gateway).toBe(first);
    // Loaded into the workers' cache first: a gateway they never loaded would be read fresh anyway.
    expect((await h.runtime.sendDeps.gateways.get(first))?.row.enabled).toBe(true);
    expect((await h.api('PATCH', `/v1/gateways/${first}`, { enabled: false })).status).toBe(200);
    await eventually(
      async () => ((await h.runtime.sendDeps.gateways.get(first))?.row.enabled === false ? true : undefined),
      4500,
      'the workers to see the gateway disabled',
    );
    // Its time comes now.
    await h.database.db.update(messages).set({ sendAt: new Date() }).where(eq(messages.id, accepted.id));
    await (await h.queues.get(sendQueueName(first)).getJob(accepted.id))?.promote();
    const done = await h.waitFor(accepted.id, 'delivered');
    expect(done.gateway).toBe(gwB);
    expect(done.statusMessage).toBeNull();
    const failover = (await h.events(accepted.id)).find((e) => e.type === 'failover');
    expect(failover?.detail).toMatchObject({ from: first, to: gwB, reason: `gateway ${first} is disabled` });
    expect(sandboxA.requests(to)).toHaveLength(0);
    expect(sandboxB.requests(to)).toHaveLength(1);
  });
});
