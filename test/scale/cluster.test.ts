import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyKeysChanged, onKeysChanged } from '@smsgw/queues';
import { eventually } from '../support/env.js';
import { uniqueName, uniqueNumber } from '../support/fixtures.js';
import { cli, redisFleet, startCluster, type RedisFleet, type RedisProcess } from './servers.js';
import { receivedPerMessage, startScaleStack, statusesOf, type ScaleStack } from './stack.js';

/**
 * smsgw on a real three-master Redis Cluster started by this file: the API and the worker
 * connect through ioredis `Cluster` from SMSGW_REDIS_CLUSTER_NODES alone (the prefix defaults to
 * the hash tag `{smsgw}`), messages go end to end to `delivered`, webhooks (whose breaker runs
 * two-key Lua scripts) reach the application, a gateway created through the API reaches the
 * worker by pub/sub, and every key the system wrote sits in the one slot of the hash tag.
 */
describe('Redis Cluster', () => {
  let fleet: RedisFleet;
  let nodes: RedisProcess[];
  let s: ScaleStack;
  let gateway: string;

  beforeAll(async () => {
    fleet = redisFleet('cluster');
    nodes = await startCluster(fleet);
    s = await startScaleStack('scale_cluster', {
      SMSGW_REDIS_CLUSTER_NODES: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    });
    expect(s.prefix).toBe('{smsgw}');
    const account = await s.api('PATCH', '/v1/account', { webhookUrl: s.receiver.url });
    expect(account.status).toBe(200);
    gateway = uniqueName();
    const gw = await s.api('POST', '/v1/gateways', { name: gateway, preset: 'sandbox', settings: { baseUrl: s.sandbox.url } });
    expect(gw.status).toBe(201);
    await s.runtime.sync();
  });
  afterAll(async () => {
    try {
      await s?.close();
    } finally {
      await fleet?.stop();
    }
  }, 120_000);

  it('sends messages end to end to delivered, once each, with their webhooks', { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    const single = await Promise.all(
      Array.from({ length: 20 }, () => s.api('POST', '/v1/messages', { to: uniqueNumber(), content: 'cluster hello', gateway })),
    );
    for (const r of single) {
      expect(r.status).toBe(202);
      ids.push(String(r.json['id']));
    }
    const batch = await s.api('POST', '/v1/messages/batch', {
      messages: Array.from({ length: 20 }, () => ({ to: uniqueNumber(), content: 'cluster batch', gateway })),
    });
    expect(batch.status).toBe(202);
    for (const item of batch.json['data'] as { message?: { id: string } }[]) if (item.message) ids.push(item.message.id);
    expect(ids).toHaveLength(40);

    await eventually(
      async () => {
        const st = await statusesOf(s.api, ids);
        return ids.every((id) => st.get(id) === 'delivered') ? true : undefined;
      },
      60_000,
      'every message delivered',
    );
    const per = receivedPerMessage(s.sandbox);
    for (const id of ids) expect(per.get(id), id).toBe(1);
    // The `delivered` webhook of each message reached the application (through the breaker's scripts).
    await eventually(
      async () => {
        const delivered = new Set(
          s.receiver.received
            .map((h) => JSON.parse(h.body) as { data: { id?: string; status?: string } })
            .filter((h) => h.data.status === 'delivered')
            .map((h) => h.data.id),
        );
        return ids.every((id) => delivered.has(id)) ? true : undefined;
      },
      60_000,
      'every delivered webhook',
    );
  });

  it('tells the worker about a new gateway over cluster pub/sub', { timeout: 60_000 }, async () => {
    // Gateway polling is off (SMSGW_GATEWAY_POLL_MS is ten minutes): only the notification can start its queue.
    const late = uniqueName();
    const gw = await s.api('POST', '/v1/gateways', { name: late, preset: 'sandbox', settings: { baseUrl: s.sandbox.url } });
    expect(gw.status).toBe(201);
    const sent = await s.api('POST', '/v1/messages', { to: uniqueNumber(), content: 'via a new gateway', gateway: late });
    expect(sent.status).toBe(202);
    const id = String(sent.json['id']);
    await eventually(
      async () => ((await s.api('GET', `/v1/messages/${id}`)).json['status'] === 'delivered' ? true : undefined),
      45_000,
      'the message through the new gateway delivered',
    );
  });

  it('carries key revocations over a subscriber duplicated from the Cluster connection', async () => {
    const heard: string[] = [];
    let listening = false;
    const sub = onKeysChanged(s.connection, s.prefix, {
      changed: (change) => heard.push(change),
      listening: (on) => {
        listening = on;
      },
    });
    try {
      await eventually(async () => (listening ? true : undefined), 20_000, 'the subscriber listening');
      await notifyKeysChanged(s.connection, s.prefix, 'key_123');
      await eventually(async () => (heard.includes('key_123') ? true : undefined), 20_000, 'the revocation heard');
    } finally {
      await sub.close();
    }
  });

  it('keeps every key in the slot of the prefix hash tag', async () => {
    const keysByNode = await Promise.all(nodes.map(async (n) => (await cli(n.port, '--scan')).split('\n').filter(Boolean)));
    const all = keysByNode.flat();
    // Queues, jobs, schedulers, and our own keys (the sweep's cursor, markers, pacer, breaker) when present.
    expect(all.length).toBeGreaterThan(10);
    for (const key of all) expect(key.startsWith('{smsgw}:'), key).toBe(true);
    // One node holds them all, the master of the tag's slot (keys come and go meanwhile: markers, jobs).
    const holders = nodes.filter((_, i) => (keysByNode[i] ?? []).length > 0);
    expect(holders).toHaveLength(1);
    const slot = (await cli(nodes[0]?.port ?? 0, 'CLUSTER', 'KEYSLOT', '{smsgw}')).trim();
    expect(Number((await cli(holders[0]?.port ?? 0, 'CLUSTER', 'COUNTKEYSINSLOT', slot)).trim())).toBeGreaterThan(10);
  });
});
