import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '@smsgw/core';

/**
 * A connection to Redis as the rest of the code sees it: one server (or a Sentinel-found master,
 * which is the same `Redis` class) or a Redis Cluster. Both have the same commands; they differ in
 * how they are created and duplicated, which is why both of those go through this file.
 */
export type RedisClient = Redis | Cluster;

/** BullMQ refuses blocking connections that give up on a command: no retry limit per request. */
const BULLMQ_REQUIRED: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: true };

/**
 * A Redis connection with the options BullMQ requires of workers (no retry limit per request).
 * A URL gives one server; a target from the configuration (`config.redis`) may also be a Redis
 * Cluster (ioredis `Cluster`) or a master found through Sentinel. `extra` applies to every node.
 */
export function redisConnection(url: string, extra?: RedisOptions): Redis;
export function redisConnection(target: RedisTarget | string, extra?: RedisOptions): RedisClient;
export function redisConnection(target: RedisTarget | string, extra: RedisOptions = {}): RedisClient {
  const t: RedisTarget = typeof target === 'string' ? { mode: 'single', url: target } : target;
  if (t.mode === 'single') return new Redis(t.url, { ...BULLMQ_REQUIRED, ...extra });
  if (t.mode === 'sentinel') {
    return new Redis({
      ...BULLMQ_REQUIRED,
      sentinels: t.sentinels.map(({ host, port }) => ({ host, port })),
      name: t.name,
      ...(t.password ? { password: t.password } : {}),
      ...(t.sentinelPassword ? { sentinelPassword: t.sentinelPassword } : {}),
      // A master demoted by a failover answers writes with READONLY: reconnect (through the
      // sentinels, to the new master) and resend the command. Sentinel also kills the demoted
      // server's clients, so this is the belt to those braces. ioredis's `failoverDetector` is
      // left off: when the master is dead and a client is reconnecting, its disconnect on
      // +switch-master ends that client for good ("Connection is closed", status `end`).
      reconnectOnError: (err: Error) => (err.message.startsWith('READONLY') ? 2 : false),
      ...extra,
    });
  }
  // Options of the cluster as a whole go to it; the rest apply to each node's connection.
  const { maxRetriesPerRequest, enableAutoPipelining, lazyConnect, ...nodeExtra } = { ...BULLMQ_REQUIRED, ...extra };
  const options: ClusterOptions = {
    // BullMQ reads a Cluster's per-node options to check for maxRetriesPerRequest: null.
    redisOptions: { maxRetriesPerRequest, ...(t.password ? { password: t.password } : {}), ...nodeExtra },
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    // A failover moves slots for a moment: retry on MOVED/CLUSTERDOWN rather than fail the command.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
  };
  return new Cluster(
    t.nodes.map(({ host, port }) => ({ host, port })),
    options,
  );
}

/**
 * Another connection like `source` (same server, cluster or sentinel set, same password), with
 * `overrides` on top: for subscribers and for connections with their own retry or pipelining
 * policy. `Redis.duplicate` and `Cluster.duplicate` take different arguments, and a Cluster's
 * per-connection options live under `redisOptions`.
 */
export function duplicateConnection(source: RedisClient, overrides: RedisOptions = {}): RedisClient {
  if (!(source instanceof Cluster)) return source.duplicate(overrides);
  const { enableAutoPipelining, ...nodeOverrides } = overrides;
  const base = source.options;
  return source.duplicate([], {
    ...base,
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    redisOptions: { ...base.redisOptions, ...nodeOverrides },
  });
}

/** Whether `value` is a connection (rather than a URL or a target to connect to). */
export function isClient(value: unknown): value is RedisClient {
  return value instanceof Redis || value instanceof Cluster;
}

/** The one method of a logger `logConnectionErrors` needs (pino's fits). */
interface WarnLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/**
 * Logs a connection's errors once per outage (ioredis emits one per reconnect attempt, and an
 * `error` event with no listener is printed as "Unhandled error event"); the next `ready` re-arms it.
 */
export function logConnectionErrors(connection: RedisClient, log: WarnLogger, what = 'redis'): void {
  let logged = false;
  connection.on('error', (err: unknown) => {
    if (logged) return;
    logged = true;
    log.warn({ err }, `${what}: connection error (retrying)`);
  });
  connection.on('ready', () => {
    logged = false;
  });
}
