import { describe, expect, it } from 'vitest';
import { loadApiConfig } from '@smsgw/api';
import { ConfigError, hasHashTag } from '@smsgw/core';
import { loadWorkerConfig } from '@smsgw/worker';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadWorkerConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('Redis Cluster, Sentinel and read-replica settings', () => {
  it('keeps one server at REDIS_URL by default', () => {
    const c = loadWorkerConfig({ REDIS_URL: 'redis://127.0.0.1:6390' });
    expect(c.redis).toEqual({ mode: 'single', url: 'redis://127.0.0.1:6390' });
    expect(c.queuePrefix).toBe('smsgw');
  });

  it('reads Cluster nodes and gives Cluster the hash-tag prefix {smsgw} when none is set', () => {
    const c = loadWorkerConfig({ SMSGW_REDIS_CLUSTER_NODES: '127.0.0.1:7000, 127.0.0.1:7001,[::1]:7002', SMSGW_REDIS_PASSWORD: 'pw' });
    expect(c.redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '127.0.0.1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      password: 'pw',
    });
    expect(c.queuePrefix).toBe('{smsgw}');
    expect(loadWorkerConfig({ SMSGW_REDIS_CLUSTER_NODES: '127.0.0.1:7000', SMSGW_QUEUE_PREFIX: 'prod{sms}' }).queuePrefix).toBe(
      'prod{sms}',
    );
  });

  it('refuses a Cluster prefix without a hash tag, and bad node lists, naming the fix', () => {
    const untagged = problems({ SMSGW_REDIS_CLUSTER_NODES: '127.0.0.1:7000', SMSGW_QUEUE_PREFIX: 'smsgw' });
    expect(untagged).toHaveLength(1);
    expect(untagged[0]).toMatch(/SMSGW_QUEUE_PREFIX="smsgw" has no hash tag.*"\{smsgw\}"/);
    expect(problems({ SMSGW_REDIS_CLUSTER_NODES: '127.0.0.1:7000', SMSGW_QUEUE_PREFIX: 'a{}b' })[0]).toMatch(/no hash tag/);
    expect(problems({ SMSGW_REDIS_CLUSTER_NODES: '127.0.0.1' })[0]).toMatch(/host:port/);
    expect(problems({ SMSGW_REDIS_SENTINELS: '127.0.0.1:99999' })[0]).toMatch(/host:port/);
    expect(problems({ SMSGW_REDIS_CLUSTER_NODES: '127.0.0.1:7000', SMSGW_REDIS_SENTINELS: '127.0.0.1:26379' })[0]).toMatch(/not both/);
  });

  it('reads Sentinel addresses, master name and passwords', () => {
    const c = loadWorkerConfig({
      SMSGW_REDIS_SENTINELS: '127.0.0.1:26379,127.0.0.1:26380',
      SMSGW_REDIS_SENTINEL_NAME: 'sms',
      SMSGW_REDIS_PASSWORD: 'a',
      SMSGW_REDIS_SENTINEL_PASSWORD: 'b',
    });
    expect(c.redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: '127.0.0.1', port: 26379 },
        { host: '127.0.0.1', port: 26380 },
      ],
      name: 'sms',
      password: 'a',
      sentinelPassword: 'b',
    });
    expect(c.queuePrefix).toBe('smsgw');
    expect(loadWorkerConfig({ SMSGW_REDIS_SENTINELS: '127.0.0.1:26379' }).redis).toMatchObject({ name: 'mymaster' });
  });

  it('knows a hash tag when it sees one', () => {
    expect(hasHashTag('{smsgw}')).toBe(true);
    expect(hasHashTag('app:{q}:x')).toBe(true);
    expect(hasHashTag('smsgw')).toBe(false);
    expect(hasHashTag('{}smsgw')).toBe(false);
    expect(hasHashTag('}{')).toBe(false);
  });

  it('takes an optional PostgreSQL read URL for the API', () => {
    expect(loadApiConfig({}).databaseReadUrl).toBeUndefined();
    expect(loadApiConfig({ SMSGW_DATABASE_READ_URL: 'postgres://ro@127.0.0.1:5433/smsgw' }).databaseReadUrl).toBe(
      'postgres://ro@127.0.0.1:5433/smsgw',
    );
    expect(() => loadApiConfig({ SMSGW_DATABASE_READ_URL: 'http://x.invalid' })).toThrow(/SMSGW_DATABASE_READ_URL/);
  });
});
