import { Redis, type RedisOptions } from 'ioredis';

/** A Redis connection with the options BullMQ requires of workers (no retry limit per request). */
export function redisConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}
