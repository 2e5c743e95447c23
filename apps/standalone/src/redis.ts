import type { Env } from '@smsgw/core';
import { REDIS_INSTALL_HINT, redisAnswers, redisServerInstalled, startRedisServer } from './redis-server.js';

export interface RedisHandle {
  url: string;
  stop(): void;
}

/**
 * Uses the Redis at `url` when it answers; otherwise starts a private `redis-server` (no
 * persistence, loopback only) for this demo process, or explains how to get one. A Redis Cluster
 * or Sentinel deployment (SMSGW_REDIS_CLUSTER_NODES / SMSGW_REDIS_SENTINELS in `env`) is the
 * operator's: used as configured, never replaced by a private server.
 */
export async function ensureRedis(url: string, privatePort: number, env: Env = {}): Promise<RedisHandle> {
  if (env['SMSGW_REDIS_CLUSTER_NODES'] || env['SMSGW_REDIS_SENTINELS']) return { url, stop: () => undefined };
  if (await redisAnswers(url)) return { url, stop: () => undefined };
  if (!redisServerInstalled()) throw new Error(`No Redis answers at ${url} and redis-server is not installed.\n${REDIS_INSTALL_HINT}`);
  const server = await startRedisServer(privatePort);
  return { url: server.url, stop: () => void server.stop() };
}
