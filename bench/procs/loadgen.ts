/**
 * The load generator, a process of its own so its CPU is neither the API's nor the
 * orchestrator's. One `run` request per process: closed loop (a fixed number of requests in
 * flight, i.e. max offered load) or open loop (a fixed arrival rate, whatever the answers do).
 * Every request is bounded by the run's time budget; the answer lists the accepted message ids.
 */
import { Pool } from 'undici';
import { serve } from '../lib/ipc.js';
import { summarize, type LatencySummary } from '../lib/stats.js';
import { messageInput } from '../workload.js';

export interface LoadSpec {
  baseUrl: string;
  /** Bearer key (the product); none for the ceiling's bare API. */
  key?: string;
  path: string;
  kind: 'single' | 'batch';
  /** Messages to send. */
  n: number;
  batchSize?: number;
  /** Closed loop: requests in flight. Open loop: connections of the pool. */
  concurrency: number;
  /** Open loop (single only): requests per second, started on schedule. */
  ratePerSec?: number;
  /** No request starts after this many milliseconds. */
  budgetMs: number;
  block: number;
  /** First recipient index (runs into the same block use distinct numbers). */
  offset?: number;
  gateway?: string;
}

export interface LoadResult {
  requests: number;
  /** Messages answered as accepted (202, or each item of a batch). */
  accepted: number;
  ids: string[];
  statuses: Record<string, number>;
  errors: Record<string, number>;
  /** Epoch ms of the first request and of the last answer. */
  startedAt: number;
  endedAt: number;
  wallMs: number;
  /** Client-side request latency (queueing in the client's pool included). */
  latency: LatencySummary;
  stoppedByBudget: boolean;
  openLoop?: { targetPerSec: number; offeredPerSec: number; maxLagMs: number };
}

function idsOf(json: unknown, kind: 'single' | 'batch'): string[] {
  if (typeof json !== 'object' || json === null) return [];
  if (kind === 'single') {
    const id = (json as { id?: unknown }).id;
    return typeof id === 'string' ? [id] : [];
  }
  const data = (json as { data?: unknown }).data;
  if (!Array.isArray(data)) return [];
  const out: string[] = [];
  for (const item of data as unknown[]) {
    const id = (item as { message?: { id?: unknown } } | null)?.message?.id;
    if (typeof id === 'string') out.push(id);
  }
  return out;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const pool = new Pool(spec.baseUrl, { connections: spec.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (spec.key) headers['authorization'] = `Bearer ${spec.key}`;
  const size = spec.kind === 'batch' ? (spec.batchSize ?? 1000) : 1;
  const requests = Math.ceil(spec.n / size);
  const ids: string[] = [];
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const bump = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1;
  };
  const startedAt = Date.now();
  const t0 = performance.now();
  const budgetEnd = t0 + spec.budgetMs;
  let stoppedByBudget = false;

  const one = async (r: number) => {
    const from = r * size;
    const count = Math.min(size, spec.n - from);
    const first = (spec.offset ?? 0) + from;
    const body =
      spec.kind === 'batch'
        ? { messages: Array.from({ length: count }, (_, i) => messageInput(spec.block, first + i, spec.gateway)) }
        : messageInput(spec.block, first, spec.gateway);
    const start = performance.now();
    try {
      const res = await pool.request({
        method: 'POST',
        path: spec.path,
        headers,
        body: JSON.stringify(body),
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
      });
      const text = await res.body.text();
      latencies.push(performance.now() - start);
      bump(statuses, String(res.statusCode));
      if (res.statusCode === 202 || res.statusCode === 200) ids.push(...idsOf(JSON.parse(text) as unknown, spec.kind));
    } catch (err) {
      bump(errors, err instanceof Error ? ((err as { code?: string }).code ?? err.name) : 'error');
    }
  };

  let openLoop: LoadResult['openLoop'];
  if (spec.ratePerSec !== undefined && spec.ratePerSec > 0) {
    // Open loop: request i starts at t0 + i/rate, answered or not; lag shows the generator fell behind.
    const interval = 1000 / spec.ratePerSec;
    const inFlight = new Set<Promise<void>>();
    let next = 0;
    let maxLagMs = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (next < requests && t0 + next * interval <= now) {
          maxLagMs = Math.max(maxLagMs, now - (t0 + next * interval));
          const p = one(next++).finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        if (next >= requests) return resolve();
        if (now > budgetEnd) {
          stoppedByBudget = true;
          return resolve();
        }
        setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
      };
      tick();
    });
    const issuedMs = performance.now() - t0;
    await Promise.all(inFlight);
    openLoop = {
      targetPerSec: spec.ratePerSec,
      offeredPerSec: Math.round((next * 1000) / Math.max(1, issuedMs)),
      maxLagMs: Math.round(maxLagMs),
    };
  } else {
    let next = 0;
    const loop = async () => {
      while (next < requests) {
        if (performance.now() > budgetEnd) {
          stoppedByBudget = true;
          return;
        }
        await one(next++);
      }
    };
    await Promise.all(Array.from({ length: Math.min(spec.concurrency, requests) }, loop));
  }
  const wallMs = performance.now() - t0;
  await pool.close();
  return {
    requests: latencies.length + Object.values(errors).reduce((a, b) => a + b, 0),
    accepted: ids.length,
    ids,
    statuses,
    errors,
    startedAt,
    endedAt: startedAt + Math.round(wallMs),
    wallMs: Math.round(wallMs),
    latency: summarize(latencies),
    stoppedByBudget,
    ...(openLoop ? { openLoop } : {}),
  };
}

serve({ run: (payload) => run(payload as LoadSpec) }, { pid: process.pid });
