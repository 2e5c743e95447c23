/**
 * Ceiling, the API: bare Fastify with BullMQ and postgres.js, the least an HTTP-to-queue SMS
 * API can do. No auth, no validation beyond shape, no opt-out or routing.
 *   POST /accept  Queue.add to a queue nobody consumes (the accept-only baseline)
 *   POST /send    Queue.add to the pipeline queue (consumed by ceiling/worker.ts)
 *   POST /batch   one multi-row INSERT of the batch + one addBulk (the batch-ingest baseline)
 * Answers mirror the product's shapes ({id}; {accepted, data[].message.id}) so one load
 * generator drives both.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { serve } from '../lib/ipc.js';

interface Input {
  to: string;
  content: string;
}
export interface CeilingJob extends Input {
  id: string;
  acceptedAt: number;
}

const redisUrl = process.env['BENCH_REDIS_URL'] ?? '';
const prefix = process.env['BENCH_PREFIX'] ?? 'ceiling';
const sql = postgres(process.env['BENCH_DB_URL'] ?? '', { max: 10, onnotice: () => undefined });
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
// Same job options as the product's send jobs: id = message id, removed once done.
const jobOpts = { removeOnComplete: true };
const acceptOnly = new Queue('acceptonly', { connection, prefix });
const pipeline = new Queue('pipeline', { connection, prefix });
const batchOnly = new Queue('batchonly', { connection, prefix });

function isInput(v: unknown): v is Input {
  return typeof v === 'object' && v !== null && typeof (v as Input).to === 'string' && typeof (v as Input).content === 'string';
}

const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });

for (const [path, queue] of [
  ['/accept', acceptOnly],
  ['/send', pipeline],
] as const) {
  app.post(path, async (request, reply) => {
    if (!isInput(request.body)) return reply.code(400).send({ error: 'to and content required' });
    const job: CeilingJob = { id: randomUUID(), to: request.body.to, content: request.body.content, acceptedAt: Date.now() };
    await queue.add('m', job, { ...jobOpts, jobId: job.id });
    return reply.code(202).send({ id: job.id });
  });
}

app.post('/batch', async (request, reply) => {
  const messages = (request.body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || !messages.every(isInput)) return reply.code(400).send({ error: 'messages required' });
  const rows = messages.map((m) => ({ id: randomUUID(), to: m.to, content: m.content }));
  await sql`INSERT INTO bench_ceiling_batch ${sql(rows, 'id', 'to', 'content')}`;
  const acceptedAt = Date.now();
  await batchOnly.addBulk(rows.map((r) => ({ name: 'm', data: { ...r, acceptedAt }, opts: { ...jobOpts, jobId: r.id } })));
  return reply.code(202).send({ accepted: rows.length, data: rows.map((r, index) => ({ index, message: { id: r.id } })) });
});

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

const stop = () => {
  void (async () => {
    await app.close();
    await Promise.all([acceptOnly.close(), pipeline.close(), batchOnly.close()]);
    connection.disconnect();
    await sql.end({ timeout: 5 });
    process.exit(0);
  })();
};
process.on('SIGTERM', stop);
serve({}, { url: `http://127.0.0.1:${port}` }, stop);
