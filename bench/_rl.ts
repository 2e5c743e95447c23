import pino from 'pino';
import { startBenchEnv } from './env.js';
import { apiClient } from './http.js';
import { acceptInBatches } from './accept.js';
import { waitForProgress } from './observe.js';
import { createTeardown } from './teardown.js';
const teardown = createTeardown();
try {
  const env = await startBenchEnv({ adminDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres', redisUrl: 'redis://127.0.0.1:6379', dlrDelayMs: 10 }, teardown, pino({ level: 'warn' }));
  const client = apiClient(env.apiUrl, env.key, 32);
  teardown.add('client', () => client.close());
  const sb = await env.newSandbox();
  await env.addGateway('rl', sb, { max: 50, intervalMs: 1000 });
  await env.pauseGateway('rl');
  const acc = await acceptInBatches(client, 'rl', 4, 250, 100, 4);
  const t0 = performance.now();
  await env.resumeGateway('rl');
  await waitForProgress(env.observer, 'rl', { n: acc.ids.length, startedAt: t0, deadlineMs: 20000, untilDelivered: false });
  const times = sb.requests().map((r) => Date.parse(r.time));
  const first = Math.min(...times);
  const buckets = new Map<number, number>();
  for (const t of times) buckets.set(Math.floor((t - first) / 100), (buckets.get(Math.floor((t - first) / 100)) ?? 0) + 1);
  console.log([...buckets].sort((a, b) => a[0] - b[0]).map(([b, c]) => `${b * 100}:${c}`).join(' '));
  const { sql } = await import('drizzle-orm');
  const ev = (await env.observer.execute(sql`select type, count(*)::int as n from message_events e join messages m on m.id = e.message_id where m.gateway = 'rl' group by type`));
  console.log(JSON.stringify(ev));
} finally {
  console.log(await teardown.run());
  process.exit(0);
}
