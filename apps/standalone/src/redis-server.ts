/**
 * A private `redis-server` child process, loopback only and without persistence: what `npm start`
 * runs when no Redis answers, and what the test setup (test/support/private-servers.ts) runs on a
 * machine without one. Jobs live in it only as long as the process that started it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';

/** Whether a Redis answers PING at `url` within a second (no retries). */
export async function redisAnswers(url: string): Promise<boolean> {
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

/** Whether `redis-server` is on PATH. */
export function redisServerInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;
}

export const REDIS_INSTALL_HINT = 'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.';

export interface RedisServer {
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, resolved once the process is gone. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Working directory of the server (it writes nothing there with these settings). */
  dir?: string;
  /** Extra command-line arguments, after the defaults (a later option wins). */
  args?: readonly string[];
  /** How long to wait for PING to answer. */
  timeoutMs?: number;
}

/**
 * Starts `redis-server` on 127.0.0.1:`port` with no RDB snapshots, no AOF and `noeviction` (BullMQ
 * must never lose a key to memory pressure), and resolves once it answers PING. Throws with the
 * server's own output when it exits or stays silent.
 */
export async function startRedisServer(port: number, opts: RedisServerOptions = {}): Promise<RedisServer> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    'noeviction',
    ...(opts.args ?? []),
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], ...(opts.dir ? { cwd: opts.dir } : {}) });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = child.exitCode !== null;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (err) => {
      keep(Buffer.from(String(err)));
      exited = true;
      resolve();
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  while (!exited && Date.now() < deadline) {
    if (await redisAnswers(url)) {
      // Its output is not needed once it runs; an unread pipe must not fill up and block it.
      child.stdout.removeListener('data', keep).resume();
      child.stderr.removeListener('data', keep).resume();
      return {
        url,
        pid: child.pid ?? -1,
        async stop() {
          if (!exited) child.kill('SIGTERM');
          await gone;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!exited) child.kill('SIGKILL');
  await gone;
  throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${output.trim()}`);
}
