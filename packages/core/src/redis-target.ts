import type { EnvReader } from './env.js';

/** A Redis node or sentinel address. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Where Redis is: one server (a URL, today's default), a Redis Cluster (ioredis `Cluster` over
 * its seed nodes), or a master found through Sentinel. Pure data, read from the environment by
 * `readRedisTarget`; `@smsgw/queues` turns it into a connection.
 */
export type RedisTarget =
  | { readonly mode: 'single'; readonly url: string }
  | { readonly mode: 'cluster'; readonly nodes: readonly HostPort[]; readonly password?: string | undefined }
  | {
      readonly mode: 'sentinel';
      readonly sentinels: readonly HostPort[];
      readonly name: string;
      /** The master's (and replicas') password. */
      readonly password?: string | undefined;
      /** The sentinels' own password, when they have one (`requirepass` in sentinel.conf). */
      readonly sentinelPassword?: string | undefined;
    };

/** The default queue prefix, and the one a Cluster deployment gets when none is set. */
export const DEFAULT_QUEUE_PREFIX = 'smsgw';
export const DEFAULT_CLUSTER_QUEUE_PREFIX = '{smsgw}';

/** Whether `prefix` holds a Redis Cluster hash tag: a non-empty `{…}`, the part Cluster hashes. */
export function hasHashTag(prefix: string): boolean {
  const open = prefix.indexOf('{');
  if (open < 0) return false;
  const close = prefix.indexOf('}', open + 1);
  return close > open + 1;
}

/** Parses `host:port,host:port` (IPv6 as `[::1]:7000`); a problem is reported on `r` per bad entry. */
export function parseHostPorts(name: string, value: string, r: EnvReader): HostPort[] {
  const out: HostPort[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const m = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(item);
    const port = Number(m?.[3]);
    if (!m || port < 1 || port > 65_535) {
      r.problem(`${name} must be a comma-separated list of host:port (got "${item}")`);
      continue;
    }
    out.push({ host: m[1] ?? m[2] ?? '', port });
  }
  if (out.length === 0) r.problem(`${name} names no host:port`);
  return out;
}

/**
 * Reads the Redis settings and the queue prefix together, because Cluster constrains the prefix:
 * every key of one BullMQ queue (and of each of our multi-key scripts) must hash to one slot,
 * which only a hash tag in the prefix guarantees. Without SMSGW_QUEUE_PREFIX, Cluster mode uses
 * `{smsgw}`; a prefix set without a hash tag is refused rather than silently renamed, because
 * renaming would orphan the jobs already stored under the old one.
 */
export function readRedisTarget(r: EnvReader, redisUrl: string): { redis: RedisTarget; queuePrefix: string } {
  const clusterNodes = r.optional('SMSGW_REDIS_CLUSTER_NODES');
  const sentinels = r.optional('SMSGW_REDIS_SENTINELS');
  const password = r.optional('SMSGW_REDIS_PASSWORD');
  const setPrefix = r.optional('SMSGW_QUEUE_PREFIX');
  if (clusterNodes && sentinels) r.problem('Set SMSGW_REDIS_CLUSTER_NODES or SMSGW_REDIS_SENTINELS, not both');
  if (clusterNodes) {
    const queuePrefix = setPrefix ?? DEFAULT_CLUSTER_QUEUE_PREFIX;
    if (!hasHashTag(queuePrefix)) {
      r.problem(
        `SMSGW_QUEUE_PREFIX="${queuePrefix}" has no hash tag, which Redis Cluster needs (every key of a queue in one slot): ` +
          `use e.g. "{${queuePrefix}}", or unset it for "${DEFAULT_CLUSTER_QUEUE_PREFIX}"`,
      );
    }
    return { redis: { mode: 'cluster', nodes: parseHostPorts('SMSGW_REDIS_CLUSTER_NODES', clusterNodes, r), password }, queuePrefix };
  }
  const queuePrefix = setPrefix ?? DEFAULT_QUEUE_PREFIX;
  if (sentinels) {
    const redis: RedisTarget = {
      mode: 'sentinel',
      sentinels: parseHostPorts('SMSGW_REDIS_SENTINELS', sentinels, r),
      name: r.str('SMSGW_REDIS_SENTINEL_NAME', 'mymaster'),
      password,
      sentinelPassword: r.optional('SMSGW_REDIS_SENTINEL_PASSWORD'),
    };
    return { redis, queuePrefix };
  }
  return { redis: { mode: 'single', url: redisUrl }, queuePrefix };
}

/** Where the target points, for logs and banners: never a password. */
export function describeRedisTarget(t: RedisTarget): string {
  const list = (hs: readonly HostPort[]) => hs.map((h) => `${h.host}:${h.port}`).join(',');
  if (t.mode === 'cluster') return `cluster ${list(t.nodes)}`;
  if (t.mode === 'sentinel') return `sentinel ${t.name}@${list(t.sentinels)}`;
  try {
    const u = new URL(t.url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'redis';
  }
}
