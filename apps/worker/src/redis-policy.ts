/**
 * BullMQ keeps every job, lock and delayed retry in Redis: a server that evicts keys under memory
 * pressure (any `maxmemory-policy` but `noeviction`) drops jobs and locks without an error. The
 * worker cannot fix the server's setting, so it says so at start, loudly, once per node.
 */
import { once } from 'node:events';
import type { Logger } from 'pino';
import type { RedisClient } from '@smsgw/queues';
import { Cluster } from 'ioredis';

/** One Redis server: what both `Redis` and a Cluster's node answer. */
interface RedisNode {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/**
 * The server's `maxmemory-policy`: CONFIG GET, or, where CONFIG is refused (managed Redis such as
 * ElastiCache or Memorystore, or an ACL without @admin), INFO memory's `maxmemory_policy`.
 * Undefined when neither tells.
 */
export async function evictionPolicy(node: RedisNode): Promise<string | undefined> {
  try {
    const reply = await node.call('CONFIG', 'GET', 'maxmemory-policy');
    if (Array.isArray(reply) && typeof reply[1] === 'string') return reply[1];
  } catch {
    // refused: ask INFO instead
  }
  try {
    const info = await node.call('INFO', 'memory');
    const match = typeof info === 'string' ? info.match(/^maxmemory_policy:(\S+)/m) : null;
    return match?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Logs a warning for each server whose policy is not `noeviction` (each master of a Cluster).
 * Never throws: this check must not stop a worker from starting. Returns the policies found.
 */
export async function warnUnlessNoEviction(redis: RedisClient, logger: Pick<Logger, 'warn'>): Promise<(string | undefined)[]> {
  // A Cluster knows its nodes once it has connected (a single server queues the commands instead).
  if (redis instanceof Cluster && redis.status !== 'ready') await once(redis, 'ready');
  const nodes: RedisNode[] = redis instanceof Cluster ? redis.nodes('master') : [redis];
  return Promise.all(
    nodes.map(async (node) => {
      const policy = await evictionPolicy(node);
      if (policy === undefined) {
        logger.warn('could not read Redis maxmemory-policy (CONFIG GET and INFO refused): make sure it is noeviction');
      } else if (policy !== 'noeviction') {
        logger.warn(
          { maxmemoryPolicy: policy },
          `Redis maxmemory-policy is ${policy}, not noeviction: under memory pressure Redis will evict BullMQ jobs and their locks, and messages will stall or be lost. Set maxmemory-policy noeviction`,
        );
      }
      return policy;
    }),
  );
}
