import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobQueueName } from '@smsgw/core';
import { eventually } from '../support/env.js';
import { uniqueName, uniqueNumber } from '../support/fixtures.js';
import { cli, redisFleet, startSentinelSet, until, type RedisFleet, type SentinelSet } from './servers.js';
import { receivedPerMessage, startScaleStack, statusesOf, type ScaleStack } from './stack.js';

const TOTAL = 60;
const KILL_AFTER = 20;
/**
 * A job Redis acknowledged but never replicated dies with the master; its message (safe in
 * PostgreSQL, `queued`) gets a job again from the sweep once untouched for a minute
 * (LOST_AFTER_MS in the maintenance sweep). Usually nothing is lost and this ends in seconds.
 */
const DELIVERY_DEADLINE_MS = 150_000;

/**
 * A master, a replica and one sentinel, started by this file. The API and the worker find the
 * master through the sentinel (SMSGW_REDIS_SENTINELS). Messages are sent in a steady stream;
 * a third of the way in the master is SIGKILLed, the sentinel promotes the replica, and the
 * stream goes on. Every message answered 202 must end `delivered`, and the sandbox gateway (the
 * oracle) must have received each exactly once.
 */
describe('Redis Sentinel failover', () => {
  let fleet: RedisFleet;
  let set: SentinelSet;
  let s: ScaleStack;
  let gateway: string;

  beforeAll(async () => {
    fleet = redisFleet('sentinel');
    set = await startSentinelSet(fleet);
    s = await startScaleStack(
      'scale_sentinel',
      { SMSGW_REDIS_SENTINELS: `127.0.0.1:${set.sentinel.port}`, SMSGW_REDIS_SENTINEL_NAME: set.name },
      // The sweep is the net under jobs Redis lost in the failover.
      { SMSGW_SWEEP_EVERY_MS: '1000' },
    );
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

  it('loses nothing accepted and sends nothing twice when the master is killed mid-run', {
    timeout: DELIVERY_DEADLINE_MS + 60_000,
  }, async () => {
    expect(await set.masterPort()).toBe(set.master.port);
    const accepted: string[] = [];
    const refused: number[] = [];
    let started = 0;
    let killed: Promise<void> | undefined;
    // Four clients sending one message at a time each, until TOTAL have been tried.
    const client = async () => {
      while (started < TOTAL) {
        started++;
        const r = await s.api('POST', '/v1/messages', { to: uniqueNumber(), content: `stream ${started}`, gateway });
        if (r.status === 202) accepted.push(String(r.json['id']));
        else refused.push(r.status);
        if (accepted.length >= KILL_AFTER && !killed) {
          set.master.kill();
          killed = until('the sentinel to promote the replica', async () => (await set.masterPort()) === set.replica.port, 30_000);
        }
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    await killed;
    expect((await cli(set.replica.port, 'ROLE')).split('\n')[0]).toBe('master');

    // The API accepts while Redis fails over: the row is committed first, the job follows or the sweep adds it.
    expect(refused).toEqual([]);
    expect(accepted).toHaveLength(TOTAL);
    let last = new Map<string, string>();
    await eventually(
      async () => {
        last = await statusesOf(s.api, accepted);
        return accepted.every((id) => last.get(id) === 'delivered') ? true : undefined;
      },
      DELIVERY_DEADLINE_MS,
      'every accepted message delivered after the failover',
    ).catch(async (err: unknown) => {
      // Say where the stragglers are: their statuses, and what their send queue holds.
      const counts: Record<string, number> = {};
      for (const id of accepted) counts[last.get(id) ?? 'missing'] = (counts[`${last.get(id) ?? 'missing'}`] ?? 0) + 1;
      const jobs = await s.queues.get(jobQueueName('send', { gateway })).getJobCounts();
      throw new Error(`${(err as Error).message}: statuses ${JSON.stringify(counts)}, send jobs ${JSON.stringify(jobs)}`);
    });
    const per = receivedPerMessage(s.sandbox);
    for (const id of accepted) expect(per.get(id), id).toBe(1);
    // Nothing the sandbox received is outside what was accepted, or received twice.
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    expect(per.size).toBe(TOTAL);

    // The worker's connection followed the sentinel to the new master.
    const probe = `${s.prefix}:failover-probe`;
    await s.connection.set(probe, '1', 'EX', 60);
    expect((await cli(set.replica.port, 'GET', probe)).trim()).toBe('1');
  });
});
