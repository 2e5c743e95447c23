/**
 * Ceiling, the worker: a BullMQ Worker (same concurrency as the product's workers) that POSTs
 * each message to the ceiling gateway over an undici keep-alive Pool and stores it with one
 * prepared INSERT: one round trip to Redis for the job, one HTTP call, one statement.
 */
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { Pool } from 'undici';
import { serve } from '../lib/ipc.js';
import type { CeilingJob } from './api.js';

const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 20);
const sql = postgres(process.env['BENCH_DB_URL'] ?? '', { max: concurrency + 5, onnotice: () => undefined });
const gateway = new Pool(process.env['BENCH_GATEWAY_URL'] ?? '', { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
const connection = new Redis(process.env['BENCH_REDIS_URL'] ?? '', { maxRetriesPerRequest: null });

const worker = new Worker(
  'pipeline',
  async (job: Job<CeilingJob>) => {
    const m = job.data;
    const res = await gateway.request({
      method: 'POST',
      path: '/send',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: m.to, text: m.content, reference: m.id }),
    });
    const answer = (await res.body.json()) as { id?: string };
    if (res.statusCode !== 200) throw new Error(`gateway answered ${res.statusCode}`);
    await sql`INSERT INTO bench_ceiling_sent (id, "to", content, gateway_message_id, accepted_at)
              VALUES (${m.id}, ${m.to}, ${m.content}, ${answer.id ?? null}, to_timestamp(${m.acceptedAt / 1000}))`;
  },
  { connection, prefix: process.env['BENCH_PREFIX'] ?? 'ceiling', concurrency },
);
await worker.waitUntilReady();

const stop = () => {
  void (async () => {
    await worker.close();
    await gateway.close();
    connection.disconnect();
    await sql.end({ timeout: 5 });
    process.exit(0);
  })();
};
process.on('SIGTERM', stop);
serve({}, { pid: process.pid }, stop);
