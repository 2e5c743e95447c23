import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@smsgw/db';
import { createSandbox, type Sandbox } from '@smsgw/sandbox-gateway';
import { privateDatabase, testAccount, uniquePrefix, type PrivateDatabase } from '../support/env.js';
import { duplicateProblems, waitSettled, type Settled } from './oracle.js';
import { freePort, poll, processGroup, redisPing, type Proc } from './procs.js';

/**
 * The API and workers as real processes, killed for real (SIGKILL, SIGTERM) and a private
 * Redis killed and restarted from its append-only file. The standard: nothing accepted (202)
 * is lost, nothing is sent twice by our doing; the sandbox's record is the duplicate oracle.
 */
const PHONES = ['+447400123456', '+12025550123', '+4915123456789', '+61412345678'];
const CONCURRENCY = 20;
const WORKER_READY = (line: string) => line.includes('"msg":"worker started"');

describe('fault tolerance with real processes', () => {
  const group = processGroup();
  const everything: Proc[] = [];
  const accepted = new Set<string>();
  const runId = randomBytes(4).toString('hex');
  let database: Database;
  let own: PrivateDatabase | undefined;
  let sandbox: Sandbox;
  let redisPort: number;
  let redisDir: string;
  let redis: Proc;
  let api: Proc;
  let apiUrl: string;
  let apiEnv: Record<string, string>;
  let workerEnv: Record<string, string>;
  let key: string;
  let gateway: string;
  let workers: Proc[] = [];
  let workerCount = 0;

  const startApi = async () => {
    api = group.node('api', 'apps/api/src/server.ts', apiEnv);
    everything.push(api);
    await poll(async () => ((await fetch(`${apiUrl}/readyz`)).ok ? true : undefined), 30_000, 'the API to be ready');
  };
  const startWorker = async () => {
    const worker = group.node(`worker-${++workerCount}`, 'apps/worker/src/main.ts', workerEnv);
    everything.push(worker);
    await worker.waitForLine(WORKER_READY, 30_000);
    workers.push(worker);
    return worker;
  };
  const startRedis = async () => {
    redis = await group.redis(redisPort, redisDir);
    everything.push(redis);
  };

  /**
   * POSTs `count` messages, `concurrency` at a time, each with its own Idempotency-Key; a
   * connection error or a non-2xx answer means "not accepted" and the request is returned.
   */
  const burst = async (label: string, count: number, concurrency: number) => {
    const requests = Array.from({ length: count }, (_, i) => ({
      idempotencyKey: `${runId}-${label}-${i}`,
      body: { to: PHONES[i % PHONES.length], content: `fault ${label} ${i}`, gateway },
    }));
    return sendAll(requests, concurrency);
  };
  const sendAll = async (requests: { idempotencyKey: string; body: object }[], concurrency: number) => {
    const ok: string[] = [];
    const refused: typeof requests = [];
    let next = 0;
    const lane = async () => {
      for (let r = requests[next++]; r !== undefined; r = requests[next++]) {
        try {
          const res = await fetch(`${apiUrl}/v1/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': r.idempotencyKey },
            body: JSON.stringify(r.body),
            signal: AbortSignal.timeout(30_000),
          });
          const json = (await res.json()) as { id?: string };
          if ((res.status === 202 || res.status === 200) && json.id) {
            ok.push(json.id);
            accepted.add(json.id);
          } else refused.push(r);
        } catch {
          refused.push(r);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { ok, refused };
  };
  const sandboxReceived = (atLeast: number) =>
    poll(async () => (sandbox.requests().length >= atLeast ? true : undefined), 30_000, `${atLeast} sends at the sandbox`, 20);

  /** Every id settled, nothing duplicated; prints the counts of each status. */
  const assertInvariants = async (label: string, ids: readonly string[], timeoutMs: number): Promise<Settled> => {
    const started = Date.now();
    const settled = await waitSettled(database, ids, timeoutMs);
    expect(duplicateProblems(sandbox, settled.statuses)).toEqual([]);
    console.log(`[fault] ${label}: ${ids.length} accepted, settled in ${Date.now() - started} ms`, settled.counts, `unknown=${settled.counts['unknown'] ?? 0}`);
    return settled;
  };

  beforeAll(async () => {
    // These processes sweep every second: on a database of their own, so they never touch (or
    // re-send) another test file's rows, whose sweeps in turn never see ours.
    own = await privateDatabase('fault');
    database = own.database;
    ({ key } = await testAccount(database, true));
    sandbox = await createSandbox({ latencyMs: 120, dlrDelayMs: 50 });
    redisPort = await freePort();
    redisDir = group.tempDir();
    await startRedis();
    const apiPort = await freePort();
    apiUrl = `http://127.0.0.1:${apiPort}`;
    const base = {
      DATABASE_URL: own.url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SMSGW_QUEUE_PREFIX: uniquePrefix(),
      SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
      SMSGW_PUBLIC_URL: apiUrl,
      SMSGW_SWEEP_EVERY_MS: '1000',
      SMSGW_STUCK_SENDING_MS: '4000',
      SMSGW_GATEWAY_POLL_MS: '500',
      SMSGW_SEND_BACKOFF_MS: '50',
      SMSGW_WORKER_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'warn',
    };
    apiEnv = { ...base, HOST: '127.0.0.1', PORT: String(apiPort) };
    // Info level for the "worker started" line; the sends log at info too, which the tail keeps.
    workerEnv = { ...base, LOG_LEVEL: 'info' };
    await startApi();
    gateway = `fault-${runId}`;
    const res = await fetch(`${apiUrl}/v1/gateways`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: gateway, preset: 'sandbox', settings: { baseUrl: sandbox.url } }),
    });
    expect(res.status).toBe(201);
  }, 90_000);

  afterEach((context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const p of everything) console.error(`--- ${p.name} (pid ${p.pid}), last lines:\n${p.tail().slice(-30).join('\n')}`);
  });

  afterAll(async () => {
    await group.killAll();
    await sandbox?.close();
    await own?.drop();
  }, 30_000);

  it('SIGKILL of a worker mid-send: a new worker finishes everything, nothing sent twice', async () => {
    await startWorker();
    const posting = burst('s1', 200, 16);
    await sandboxReceived(50);
    const killed = workers.shift();
    expect((await killed?.stop('SIGKILL'))?.signal).toBe('SIGKILL');
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    await startWorker();
    // A job taken but not yet claimed by the dead worker waits for its lock to expire (15 s) and the stall check.
    const settled = await assertInvariants('worker SIGKILL', ok, 60_000);
    // Only what the dead worker had in hand can be unknown.
    expect(settled.counts['unknown'] ?? 0).toBeLessThanOrEqual(CONCURRENCY);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 180_000);

  it('SIGKILL of the API mid-burst: every 202 is handled, unanswered requests were not accepted', async () => {
    await startWorker();
    const base = accepted.size;
    const posting = burst('s2', 150, 8);
    await poll(async () => (accepted.size >= base + 40 ? true : undefined), 30_000, '40 accepted in the burst', 10);
    await api.stop('SIGKILL');
    const first = await posting;
    expect(first.refused.length).toBeGreaterThan(0);
    await startApi();
    // A client retries what got no answer with the same Idempotency-Key: never a second message.
    const retried = await sendAll(first.refused, 8);
    expect(retried.refused).toEqual([]);
    const ids = [...first.ok, ...retried.ok];
    expect(new Set(ids).size).toBe(150);
    console.log(`[fault] API SIGKILL: ${first.ok.length} accepted before the kill, ${first.refused.length} retried after the restart`);
    // Short on purpose: a retried request whose first try died between commit and enqueue gets
    // its job from the retry, not a minute later from the sweep.
    const settled = await assertInvariants('API SIGKILL', ids, 30_000);
    // Nothing cut a send short here: the workers ran throughout.
    expect(settled.counts['unknown'] ?? 0).toBe(0);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 120_000);

  it('Redis SIGKILL and restart from its append-only file: everyone reconnects and sending resumes', async () => {
    expect(workers).toHaveLength(2);
    const before = sandbox.requests().length;
    const posting = burst('s3', 150, 8);
    await sandboxReceived(before + 40);
    await redis.stop('SIGKILL');
    expect(await redisPing(redisPort)).toBe(false);
    await poll(async () => ((await fetch(`${apiUrl}/readyz`)).status === 503 ? true : undefined), 10_000, 'the API to notice Redis is down');
    await startRedis();
    await poll(async () => ((await fetch(`${apiUrl}/readyz`)).ok ? true : undefined), 15_000, 'the API to reconnect to Redis');
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    const settled = await assertInvariants('Redis SIGKILL', ok, 90_000);
    expect(settled.counts['unknown'] ?? 0).toBe(0);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 150_000);

  it('SIGTERM of the workers with sends in flight: the sends complete and are stored, exit 0', async () => {
    expect(workers).toHaveLength(2);
    // Slower answers so that sends are surely in flight when the signal comes.
    sandbox.setBehaviour({ latencyMs: 400 });
    const before = sandbox.requests().length;
    const posting = burst('s4', 80, 8);
    await sandboxReceived(before + 10);
    const inFlight = sandbox
      .requests()
      .filter((r) => r.outcome === 'pending')
      .map((r) => r.params['reference'] ?? '');
    expect(inFlight.length).toBeGreaterThan(0);
    const stopping = workers.splice(0);
    const signalled = Date.now();
    const exits = await Promise.all(stopping.map((w) => w.stop('SIGTERM')));
    const tookMs = Date.now() - signalled;
    console.log(`[fault] SIGTERM: ${inFlight.length} sends in flight, workers exited`, exits, `in ${tookMs} ms`);
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    const { ok, refused } = await posting;
    expect(refused).toEqual([]);
    expect(tookMs).toBeLessThan(10_000);
    // Stored before the processes were gone: not left `sending` for the sweep to call unknown.
    const stored = await waitSettled(database, inFlight, 1);
    expect([...stored.statuses.values()].filter((s) => s !== 'sent' && s !== 'delivered')).toEqual([]);
    sandbox.setBehaviour({ latencyMs: 120 });
    await startWorker();
    const settled = await assertInvariants('worker SIGTERM', ok, 60_000);
    expect(settled.counts['unknown'] ?? 0).toBe(0);
    expect(settled.counts['failed'] ?? 0).toBe(0);
  }, 120_000);

  it('afterwards: every accepted message is still settled and none was ever sent twice', async () => {
    const settled = await assertInvariants('all scenarios', [...accepted], 30_000);
    expect(Object.keys(settled.counts).every((s) => ['sent', 'delivered', 'failed', 'unknown'].includes(s))).toBe(true);
  }, 60_000);
});
