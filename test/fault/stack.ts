/**
 * One complete smsgw for a fault test file, every part of it its own: a PostgreSQL database (a
 * clone on the shared server, or one on a private cluster), a private redis-server, the sandbox
 * provider (in this process: its record is the oracle), the API and workers as real processes.
 * Each case accepts a burst through the API, injects its fault, and ends with `settleCase`,
 * which waits for every accepted message to come to rest, checks the invariants and adds the
 * case's row to the file's table.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { listEvents, type Database } from '@smsgw/db';
import { createSandbox, type Sandbox, type SandboxOptions } from '@smsgw/sandbox-gateway';
import { privateDatabase, testAccount, uniquePrefix, type PrivateDatabase } from '../support/env.js';
import {
  caseProblems,
  countBy,
  duplicatesAmong,
  historiesOf,
  providerCounts,
  RESTING,
  statusesOf,
  waitSettled,
  type Settled,
} from './oracle.js';
import { freePort, poll, processGroup, type Exit, type Proc } from './procs.js';
import { faultTable, type CaseRow, type FaultTable } from './table.js';

export const PHONES = ['+447400123456', '+12025550123', '+4915123456789', '+61412345678'];
export const WORKER_READY = (line: string): boolean => line.includes('"msg":"worker started"');

export interface StackOptions {
  /** Names the database, the gateway and the table file. */
  label: string;
  /** Redis keeps an append-only file (default) or nothing at all. */
  appendOnly?: boolean;
  /** Where the database comes from; default a clone of the run's template on the shared server. */
  database?: () => Promise<PrivateDatabase>;
  sandbox?: SandboxOptions;
  /** Extra environment of the API and the workers. */
  env?: Record<string, string>;
}

export interface SendRequest {
  idempotencyKey: string;
  body: object;
}

export interface CaseEnd {
  /** How long the messages may take to come to rest. */
  timeoutMs: number;
  /** When the case started, for the table. */
  startedAt: number;
  /** Messages cut off after their request was written by the fault itself: unknown expected. */
  cutAfterRequest?: ReadonlySet<string>;
}

/** Every request and answer to the API is bounded: a hung API fails one request, not the file. */
const REQUEST_TIMEOUT_MS = 30_000;

export class Stack {
  readonly group = processGroup();
  readonly everything: Proc[] = [];
  readonly accepted = new Set<string>();
  readonly runId = randomBytes(4).toString('hex');
  readonly table: FaultTable;
  workers: Proc[] = [];
  database!: Database;
  sandbox!: Sandbox;
  api!: Proc;
  redis!: Proc;
  apiUrl = '';
  key = '';
  gateway = '';
  redisPort = 0;
  redisDir = '';
  private own: PrivateDatabase | undefined;
  private base: Record<string, string> = {};
  private workerCount = 0;
  private readonly duplicatesReported = new Set<string>();

  constructor(readonly opts: StackOptions) {
    this.table = faultTable(opts.label);
  }

  async start(): Promise<void> {
    this.own = await (this.opts.database ?? (() => privateDatabase(this.opts.label)))();
    this.database = this.own.database;
    ({ key: this.key } = await testAccount(this.database, true));
    // Reports retried for about a minute, as real providers do for hours: a report sent while
    // the API or its database is down must still arrive, or its message would rest at `sent`.
    this.sandbox = await createSandbox({ latencyMs: 120, dlrDelayMs: 50, reportAttempts: 10, reportBackoffMs: 100, ...this.opts.sandbox });
    this.redisPort = await freePort();
    this.redisDir = this.group.tempDir();
    await this.startRedis();
    const apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    this.base = {
      DATABASE_URL: this.own.url,
      REDIS_URL: `redis://127.0.0.1:${this.redisPort}`,
      SMSGW_QUEUE_PREFIX: uniquePrefix(),
      SMSGW_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SMSGW_ALLOW_PRIVATE_GATEWAYS: 'true',
      SMSGW_PUBLIC_URL: this.apiUrl,
      SMSGW_SWEEP_EVERY_MS: '1000',
      SMSGW_STUCK_SENDING_MS: '4000',
      SMSGW_GATEWAY_POLL_MS: '500',
      SMSGW_SEND_BACKOFF_MS: '50',
      SMSGW_WORKER_CONCURRENCY: '20',
      SMSGW_DB_POOL_MAX: '4',
      SMSGW_ENQUEUE_TIMEOUT_MS: '1000',
      // Several workers at once: each its own metrics port.
      SMSGW_WORKER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      ...this.opts.env,
      HOST: '127.0.0.1',
      PORT: String(apiPort),
    };
    await this.startApi();
    this.gateway = `fault-${this.runId}`;
    const res = await this.call('POST', '/v1/gateways', { name: this.gateway, preset: 'sandbox', settings: { baseUrl: this.sandbox.url } });
    expect(res.status).toBe(201);
  }

  async startApi(): Promise<void> {
    this.api = this.group.node('api', 'apps/api/src/server.ts', this.base);
    this.everything.push(this.api);
    try {
      await poll(
        async () => ((await fetch(`${this.apiUrl}/readyz`, { signal: AbortSignal.timeout(2000) })).ok ? true : undefined),
        30_000,
        'the API to be ready',
      );
    } catch (err) {
      // Hooks print no tails (afterEach runs for tests only): say here why the API never came up.
      throw new Error(`${(err as Error).message}; the API's last lines:\n${this.api.tail().slice(-30).join('\n')}`);
    }
  }

  /** A worker process; `env` adds to the stack's (fault hooks, a smaller concurrency). */
  async startWorker(env: Record<string, string> = {}): Promise<Proc> {
    // Info level for the "worker started" line and the FAULT_ lines' neighbours.
    const worker = this.group.node(`worker-${++this.workerCount}`, 'apps/worker/src/main.ts', { ...this.base, LOG_LEVEL: 'info', ...env });
    this.everything.push(worker);
    await worker.waitForLine(WORKER_READY, 30_000);
    this.workers.push(worker);
    return worker;
  }

  /** Stops one worker with `signal` and forgets it. */
  async stopWorker(worker: Proc, signal: NodeJS.Signals): Promise<Exit> {
    this.workers = this.workers.filter((w) => w !== worker);
    return worker.stop(signal);
  }

  /** Stops every worker with `signal` and forgets them. */
  async stopWorkers(signal: NodeJS.Signals): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.stop(signal)));
  }

  async startRedis(opts: { appendOnly?: boolean; dir?: string } = {}): Promise<void> {
    this.redis = await this.group.redis(this.redisPort, opts.dir ?? this.redisDir, {
      appendOnly: opts.appendOnly ?? this.opts.appendOnly ?? true,
    });
    this.everything.push(this.redis);
  }

  call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  }

  /** `count` messages to `phones` in turn, each with its own Idempotency-Key. */
  burst(
    label: string,
    count: number,
    concurrency: number,
    phones: readonly string[] = PHONES,
  ): Promise<{ ok: string[]; refused: SendRequest[] }> {
    const requests = Array.from({ length: count }, (_, i) => ({
      idempotencyKey: `${this.runId}-${label}-${i}`,
      body: { to: phones[i % phones.length], content: `fault ${label} ${i}`, gateway: this.gateway },
    }));
    return this.sendAll(requests, concurrency);
  }

  /**
   * POSTs each request once, `concurrency` at a time. A 202 (or 200, a repeat) is accepted; a
   * connection error, a timeout or any other status means "not accepted" and the request comes
   * back in `refused`, for the caller to retry with the same key.
   */
  async sendAll(requests: readonly SendRequest[], concurrency: number): Promise<{ ok: string[]; refused: SendRequest[] }> {
    const ok: string[] = [];
    const refused: SendRequest[] = [];
    let next = 0;
    const lane = async () => {
      for (let r = requests[next++]; r !== undefined; r = requests[next++]) {
        try {
          const res = await fetch(`${this.apiUrl}/v1/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json', 'idempotency-key': r.idempotencyKey },
            body: JSON.stringify(r.body),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const json = (await res.json()) as { id?: string };
          if ((res.status === 202 || res.status === 200) && json.id) {
            ok.push(json.id);
            this.accepted.add(json.id);
          } else refused.push(r);
        } catch {
          refused.push(r);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { ok, refused };
  }

  /** Retries what was refused (same keys) until all is accepted, at most `rounds` times. */
  async sendUntilAccepted(requests: readonly SendRequest[], concurrency: number, rounds = 20): Promise<string[]> {
    const ids: string[] = [];
    let left = [...requests];
    for (let round = 0; round < rounds && left.length > 0; round++) {
      const { ok, refused } = await this.sendAll(left, concurrency);
      ids.push(...ok);
      left = refused;
      if (left.length > 0)
        await poll(
          async () => ((await fetch(`${this.apiUrl}/readyz`, { signal: AbortSignal.timeout(2000) })).ok ? true : undefined),
          30_000,
          'the API to be ready again',
        );
    }
    expect(left).toEqual([]);
    return ids;
  }

  /** Waits until the sandbox has received `atLeast` send requests in all. */
  sandboxReceived(atLeast: number, timeoutMs = 30_000): Promise<true> {
    return poll(
      async () => (this.sandbox.requests().length >= atLeast ? true : undefined),
      timeoutMs,
      `${atLeast} sends at the sandbox`,
      20,
    );
  }

  /**
   * The end of every case: waits for `ids` to come to rest, checks the invariants, adds the row
   * to the table (also when they fail: the table shows what went wrong) and asserts.
   */
  async settleCase(name: string, ids: readonly string[], end: CaseEnd): Promise<Settled> {
    let settled: Settled | undefined;
    let failure: Error | undefined;
    try {
      settled = await waitSettled(this.database, ids, end.timeoutMs);
    } catch (err) {
      failure = err as Error;
    }
    const provider = providerCounts(this.sandbox);
    // Gave up waiting: the row still shows where everything is.
    const statuses = settled?.statuses ?? (await statusesOf(this.database, ids));
    const problems = caseProblems({
      statuses,
      histories: await historiesOf(this.database, ids),
      provider,
      reported: this.duplicatesReported,
      ...(end.cutAfterRequest ? { cutAfterRequest: end.cutAfterRequest } : {}),
    });
    for (const [id, n] of provider) if (n.taken > 1) this.duplicatesReported.add(id);
    const counts = settled?.counts ?? countBy(statuses.values());
    const row: CaseRow = {
      case: name,
      accepted: ids.length,
      sent: counts['sent'] ?? 0,
      delivered: counts['delivered'] ?? 0,
      failed: counts['failed'] ?? 0,
      unknown: counts['unknown'] ?? 0,
      providerRequests: ids.reduce((n, id) => n + (provider.get(id)?.total ?? 0), 0),
      duplicates: duplicatesAmong(provider, ids),
      unsettled: ids.filter((id) => !RESTING.has(statuses.get(id) ?? 'missing')).length,
      problems: problems.length,
      seconds: Math.round((Date.now() - end.startedAt) / 1000),
    };
    this.table.add(row);
    if (problems.length > 0) await this.explain(problems);
    if (failure) throw failure;
    expect(problems).toEqual([]);
    // What the provider made of the unknown ones: the evidence that each may really have been taken.
    const unknownAt = countBy(
      ids
        .filter((id) => statuses.get(id) === 'unknown')
        .flatMap((id) =>
          this.sandbox
            .requests()
            .filter((r) => r.params['reference'] === id)
            .map((r) => `${r.outcome}/${r.status ?? '-'}${r.id ? '/accepted' : ''}`),
        ),
    );
    console.log(
      `[fault] ${name}: ${JSON.stringify(row)}${row.unknown > 0 ? ` unknown ones at the provider: ${JSON.stringify(unknownAt)}` : ''}`,
    );
    return settled as Settled;
  }

  /** The evidence behind the first few problems: each message's events and what the provider received. */
  private async explain(problems: readonly string[]): Promise<void> {
    const ids = [...new Set(problems.map((p) => /^(\S+)/.exec(p)?.[1] ?? ''))].slice(0, 3);
    for (const id of ids) {
      const events = (await listEvents(this.database.db, id)).map(
        (e) => `${e.at.toISOString().slice(11, 23)} ${e.type} ${e.status ?? '-'} ${JSON.stringify(e.detail)}`,
      );
      const requests = this.sandbox
        .requests()
        .filter((r) => r.params['reference'] === id)
        .map((r) => `${r.time.slice(11, 23)} ${r.outcome} ${r.status ?? '-'} ${r.id ?? ''}`);
      console.error(
        `[fault] ${id}\n  events:\n    ${events.join('\n    ')}\n  provider received:\n    ${requests.join('\n    ') || '(nothing)'}`,
      );
    }
  }

  async close(): Promise<void> {
    this.table.flush();
    await this.group.killAll();
    await this.sandbox?.close();
    await this.own?.drop();
  }
}

/** A stack started before the file's cases and torn down after them; tails printed on failure. */
export function useStack(opts: StackOptions): Stack {
  const stack = new Stack(opts);
  beforeAll(() => stack.start(), 120_000);
  afterEach((context) => {
    if (context.task.result?.state !== 'fail') return;
    for (const p of stack.everything) console.error(`--- ${p.name} (pid ${p.pid}), last lines:\n${p.tail().slice(-30).join('\n')}`);
  });
  afterAll(() => stack.close(), 60_000);
  return stack;
}
