/**
 * A Redis of the bench's own (redis-server on a free loopback port, no persistence), so that
 * `INFO commandstats` deltas are exactly what the measured processes sent and nobody else. It
 * runs under the janitor process (bench/procs/janitor.ts), which also drops the database if the
 * orchestrator dies without cleaning up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { start, type Child } from './children.js';
import { freePort, LOOPBACK, waitForPort } from './net.js';

export interface BenchRedis {
  url: string;
  /** The server process (undefined with BENCH_REDIS_URL: then CPU and counts include others' work). */
  pid: number | undefined;
  exact: boolean;
  version: string;
  client: Redis;
  /** Calls per command so far (`INFO commandstats`), commands run inside Lua scripts included. */
  commandStats(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

function parseCommandStats(info: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1] ?? '?'] = Number(m[2]);
  return out;
}

/** Per-command calls between two snapshots, without the bench's own INFO calls. */
export function commandDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): { total: number; byCommand: Record<string, number> } {
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const [cmd, calls] of Object.entries(after)) {
    if (cmd === 'info') continue;
    const d = calls - (before[cmd] ?? 0);
    if (d <= 0) continue;
    byCommand[cmd] = d;
    total += d;
  }
  const sorted = Object.fromEntries(Object.entries(byCommand).sort((a, b) => b[1] - a[1]));
  return { total, byCommand: sorted };
}

export async function startRedis(externalUrl: string | undefined, binary: string): Promise<BenchRedis & { janitor: Child | undefined }> {
  let janitor: Child | undefined;
  let pid: number | undefined;
  let dir: string | undefined;
  let url = externalUrl ?? '';
  if (!externalUrl) {
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'smsgw-bench-redis-'));
    // No RDB, no AOF: nothing is written to disk and nothing outlives the run.
    const args = ['--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'];
    janitor = start('janitor', 'bench/procs/janitor.ts', [], {
      ipc: true,
      lastToStop: true,
      env: { BENCH_REDIS_BIN: binary, BENCH_REDIS_ARGS: JSON.stringify(args), BENCH_REDIS_DIR: dir },
    });
    const started = janitor;
    pid = (await started.ready<{ redisPid?: number }>(60_000)).redisPid;
    let ended = false;
    void started.exited.then(() => {
      ended = true;
    });
    await waitForPort(port, 10_000, () => !ended).catch((err: unknown) => {
      throw new Error(`redis-server did not start: ${err instanceof Error ? err.message : String(err)}\n${started.tail()}`);
    });
    url = `redis://${LOOPBACK}:${port}`;
  }
  const client = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  // Errors surface on the commands that hit them; without a listener ioredis prints each retry.
  client.on('error', () => undefined);
  await client.connect();
  const server = await client.info('server');
  return {
    url,
    pid,
    exact: janitor !== undefined,
    version: /redis_version:([^\r\n]+)/.exec(server)?.[1] ?? 'unknown',
    client,
    janitor,
    commandStats: async () => parseCommandStats(await client.info('commandstats')),
    async close() {
      client.disconnect();
      await janitor?.stop(15_000);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key under `prefix:` (queues of a finished phase), in batches. */
export async function deletePrefix(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
