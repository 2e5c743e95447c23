import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';

async function reachable(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export interface RedisHandle {
  url: string;
  stop(): void;
}

/**
 * Uses the Redis at `url` when it answers; otherwise starts a private `redis-server` (no
 * persistence, loopback only) for this demo process, or explains how to get one.
 */
export async function ensureRedis(url: string, privatePort: number): Promise<RedisHandle> {
  if (await reachable(url)) return { url, stop: () => undefined };
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      `No Redis answers at ${url} and redis-server is not installed.\n` +
        'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(privatePort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const privateUrl = `redis://127.0.0.1:${privatePort}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await reachable(privateUrl)) return { url: privateUrl, stop: () => void child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${privatePort}`);
}
