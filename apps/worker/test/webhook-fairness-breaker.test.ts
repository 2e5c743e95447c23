import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { newId } from '@smsgw/core';
import { redisConnection } from '@smsgw/queues';
import { eventually, redisUrl, uniquePrefix } from '../../../test/support/env.js';
import { createWebhookBreaker, type WebhookBreaker } from '../src/webhook-breaker.js';

/** The per-endpoint circuit breaker on its own, against real Redis (its state is shared there by every worker). */
describe('webhook circuit breaker', () => {
  let redis: Redis;
  let breaker: WebhookBreaker;
  const COOLDOWN_MS = 300;

  beforeAll(() => {
    redis = redisConnection(redisUrl());
    breaker = createWebhookBreaker(redis, uniquePrefix(), { threshold: 3, windowMs: 60_000, cooldownMs: COOLDOWN_MS, callTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await redis.quit();
  });

  // Origins are only keys here (the prefix is this file's own): nothing is called.
  let port = 40_000;
  const origin = () => `http://127.0.0.1:${String(port++)}`;
  const fail = async (o: string) => {
    const id = newId('whk');
    expect((await breaker.admit(o, id, 'main')).admission).toBe('go');
    return breaker.failed(o, id, 'main');
  };

  it('opens after the threshold of consecutive failures, and a success in between starts the count again', async () => {
    const o = origin();
    expect(await fail(o)).toBe(false);
    expect(await fail(o)).toBe(false);
    const id = newId('whk');
    const ticket = await breaker.admit(o, id, 'main');
    expect(ticket).toEqual({ admission: 'go', dirty: true });
    await breaker.succeeded(o, id, 'main', ticket);
    expect(await breaker.state(o)).toEqual({ failures: 0, open: false });
    expect(await fail(o)).toBe(false);
    expect(await fail(o)).toBe(false);
    expect(await fail(o)).toBe(true);
    expect(await breaker.state(o)).toEqual({ failures: 3, open: true });
  });

  it('failures spread wider than the window do not open it', async () => {
    const narrow = createWebhookBreaker(redis, uniquePrefix(), {
      threshold: 2,
      windowMs: 100,
      cooldownMs: COOLDOWN_MS,
      callTimeoutMs: 1000,
    });
    const o = origin();
    const failOnce = async () => {
      const id = newId('whk');
      await narrow.admit(o, id, 'main');
      return narrow.failed(o, id, 'main');
    };
    expect(await failOnce()).toBe(false);
    const after = Date.now() + 150;
    await eventually(async () => (Date.now() > after ? true : undefined), 1000, 'the window to pass');
    expect(await failOnce()).toBe(false);
    expect(await narrow.state(o)).toEqual({ failures: 1, open: false });
    expect(await failOnce()).toBe(true);
  });

  it('open: the main lane diverts, the slow lane still calls; after the cool-down one probe at a time, and its success closes it', async () => {
    const o = origin();
    for (let i = 0; i < 3; i++) await fail(o);
    expect((await breaker.admit(o, newId('whk'), 'main')).admission).toBe('divert');
    const slowId = newId('whk');
    expect((await breaker.admit(o, slowId, 'slow')).admission).toBe('go');
    await breaker.release(slowId, 'slow');

    const probeId = await eventually(
      async () => {
        const id = newId('whk');
        const t = await breaker.admit(o, id, 'main');
        return t.admission === 'probe' ? id : undefined;
      },
      5000,
      'the half-open probe',
    );
    // While the probe is out, everything else still goes to the slow lane.
    expect((await breaker.admit(o, newId('whk'), 'main')).admission).toBe('divert');
    await breaker.succeeded(o, probeId, 'main', { admission: 'probe', dirty: true });
    expect(await breaker.state(o)).toEqual({ failures: 0, open: false });
    expect((await breaker.admit(o, newId('whk'), 'main')).admission).toBe('go');
  });

  it('a failed probe re-arms the cool-down', async () => {
    const o = origin();
    for (let i = 0; i < 3; i++) await fail(o);
    const probeId = await eventually(
      async () => {
        const id = newId('whk');
        return (await breaker.admit(o, id, 'main')).admission === 'probe' ? id : undefined;
      },
      5000,
      'the half-open probe',
    );
    expect(await breaker.failed(o, probeId, 'main')).toBe(true);
    expect((await breaker.admit(o, newId('whk'), 'main')).admission).toBe('divert');
  });

  it('a delivery held by one lane is busy for the other; a re-run on the same lane takes its lock over', async () => {
    const o = origin();
    const id = newId('whk');
    expect((await breaker.admit(o, id, 'slow')).admission).toBe('go');
    expect((await breaker.admit(o, id, 'main')).admission).toBe('busy');
    // The slow job's run crashed and BullMQ runs it again: same lane, same delivery.
    expect((await breaker.admit(o, id, 'slow')).admission).toBe('go');
    await breaker.release(id, 'slow');
    expect((await breaker.admit(o, id, 'main')).admission).toBe('go');
    // Releasing from the wrong lane leaves the holder's lock alone.
    await breaker.release(id, 'slow');
    expect((await breaker.admit(o, id, 'slow')).admission).toBe('busy');
  });
});
