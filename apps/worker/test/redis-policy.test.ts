/**
 * The worker's start-up warning about Redis's eviction policy, against real redis-servers: one
 * started with --maxmemory-policy allkeys-lru, read through CONFIG GET and, as a managed Redis
 * that refuses CONFIG would be, through INFO; and the real worker process saying it at start.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateDatabase, type PrivateDatabase } from '../../../test/support/env.js';
import { freePort } from '../../../test/support/fixtures.js';
import { processGroup } from '../../../test/fault/procs.js';
import { startRedisServer, type RedisServer } from '../../standalone/src/redis-server.js';
import { evictionPolicy, warnUnlessNoEviction } from '../src/redis-policy.js';

/** A pino logger whose lines land in `lines` (parsed). */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

let lru: RedisServer;
let strict: RedisServer;

beforeAll(async () => {
  [lru, strict] = await Promise.all([
    freePort().then((port) => startRedisServer(port, { args: ['--maxmemory-policy', 'allkeys-lru'] })),
    freePort().then((port) => startRedisServer(port)),
  ]);
});

afterAll(async () => {
  await Promise.all([lru?.stop(), strict?.stop()]);
});

describe('maxmemory-policy warning', () => {
  it('warns when the policy is allkeys-lru, and says nothing for noeviction', async () => {
    const bad = new Redis(lru.url);
    const good = new Redis(strict.url);
    try {
      const { logger, lines } = capturingLogger();
      expect(await warnUnlessNoEviction(bad, logger)).toEqual(['allkeys-lru']);
      expect(await warnUnlessNoEviction(good, logger)).toEqual(['noeviction']);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, maxmemoryPolicy: 'allkeys-lru' });
      expect(String(lines[0]?.['msg'])).toMatch(/maxmemory-policy is allkeys-lru, not noeviction/);
    } finally {
      bad.disconnect();
      good.disconnect();
    }
  });

  it('reads INFO memory when CONFIG is refused, as on managed Redis', async () => {
    const admin = new Redis(lru.url);
    // An ACL user without CONFIG, like the users managed Redis services hand out.
    await admin.call('ACL', 'SETUSER', 'app', 'on', '>app-password', '~*', '&*', '+@all', '-config');
    const limited = new Redis(lru.url, { username: 'app', password: 'app-password' });
    try {
      await expect(limited.config('GET', 'maxmemory-policy')).rejects.toThrow(/NOPERM/);
      expect(await evictionPolicy(limited)).toBe('allkeys-lru');
      const { logger, lines } = capturingLogger();
      await warnUnlessNoEviction(limited, logger);
      expect(lines).toEqual([expect.objectContaining({ level: 40, maxmemoryPolicy: 'allkeys-lru' })]);
    } finally {
      limited.disconnect();
      admin.disconnect();
    }
  });
});

describe('the worker process', () => {
  const group = processGroup();
  let own: PrivateDatabase;

  beforeAll(async () => {
    own = await privateDatabase('redis_policy');
  });

  afterAll(async () => {
    await group.killAll();
    await own?.drop();
  });

  it('warns at start when its Redis evicts', async () => {
    const worker = group.node('worker', 'apps/worker/src/main.ts', {
      ...(process.env as Record<string, string>),
      DATABASE_URL: own.url,
      REDIS_URL: lru.url,
      SMSGW_QUEUE_PREFIX: `policy-${Date.now()}`,
      SMSGW_WORKER_METRICS_PORT: '-1',
      SMSGW_LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    });
    await worker.waitForLine((line) => line.includes('maxmemory-policy is allkeys-lru'), 45_000);
    const line = worker.tail().find((l) => l.includes('maxmemory-policy is allkeys-lru')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ level: 40, maxmemoryPolicy: 'allkeys-lru' });
    await worker.stop('SIGTERM');
  }, 60_000);
});
