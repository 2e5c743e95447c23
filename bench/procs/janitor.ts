/**
 * Owns what a dead orchestrator would leave behind: the private redis-server (started here, as
 * this process's child) and the bench database (its name is handed over before it exists). When
 * the orchestrator goes away without cleaning up (SIGKILL), the IPC channel closes and this
 * process stops Redis and drops the database. In a normal run the orchestrator has dropped the
 * database already; the DROP here is IF EXISTS, so doing it twice is harmless.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import postgres from 'postgres';
import { serve } from '../lib/ipc.js';

const args = JSON.parse(process.env['BENCH_REDIS_ARGS'] ?? '[]') as string[];
// A process group of its own: a terminal's Ctrl-C reaches the whole bench group, and Redis must
// outlive the product processes' graceful shutdown; this process stops it when told to.
const redis = spawn(process.env['BENCH_REDIS_BIN'] ?? 'redis-server', args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
let database: { adminUrl: string; name: string } | undefined;
let cleaning: Promise<void> | undefined;

const redisGone = new Promise<void>((resolve) => {
  redis.once('exit', () => resolve());
  redis.once('error', (err) => {
    process.stderr.write(`redis-server could not start: ${err.message}\n`);
    resolve();
  });
});
// Redis dying on its own is a crash the orchestrator must hear about: this process ends too.
void redisGone.then(() => {
  if (!cleaning) process.exit(3);
});

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    if (redis.exitCode === null && redis.signalCode === null) {
      redis.kill('SIGTERM');
      const force = setTimeout(() => redis.kill('SIGKILL'), 5000);
      await redisGone;
      clearTimeout(force);
    }
    // Redis's working directory (empty: no persistence), made by the orchestrator for this run.
    const dir = process.env['BENCH_REDIS_DIR'];
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (database) {
      const admin = postgres(database.adminUrl, { max: 1, onnotice: () => undefined });
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
      } catch (err) {
        process.stderr.write(`could not drop ${database.name}: ${err instanceof Error ? err.message : String(err)}\n`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    }
  })();
  return cleaning;
}

const finish = () => void cleanup().finally(() => process.exit(0));
process.on('SIGTERM', finish);
// Ctrl-C is for the orchestrator, which stops this process last (SIGTERM) after its clients.
process.on('SIGINT', () => undefined);
serve(
  {
    watchDatabase(payload) {
      const p = payload as { adminUrl: string; name: string };
      // Only names the bench itself makes: this ends up in a DROP statement.
      if (!/^smsgw_bench_\d+_\d+$/.test(p.name)) throw new Error(`refusing to watch database ${p.name}`);
      database = p;
      return { watching: p.name };
    },
  },
  { redisPid: redis.pid },
  finish,
);
