/**
 * `npm run bench`: the whole system in this process (API listening on loopback, workers, sandbox
 * gateways) on a database and Redis prefix of its own, four scenarios, one line each, a JSON
 * summary in bench/results/latest.json, and a non-zero exit when a correctness check fails.
 * See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { acceptBatchScenario, acceptScenario, prepareAccept } from './accept.js';
import { deliveryScenario } from './delivery.js';
import { startBenchEnv } from './env.js';
import { apiClient } from './http.js';
import { describeLoad, withProcessLoad } from './probe.js';
import { rateLimitScenario } from './rate-limit.js';
import { segmentsScenario } from './segments.js';
import { createTeardown } from './teardown.js';
import type { ScenarioResult } from './workload.js';

const env = process.env;
const n = Number(env['BENCH_N'] ?? 2000);
const budgetMs = Number(env['BENCH_BUDGET_MS'] ?? 150_000);
const rateSlack = Number(env['BENCH_RATE_SLACK'] ?? 5);
const settings = {
  adminDatabaseUrl: env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  dlrDelayMs: 10,
};
const logger = pino({ level: env['BENCH_LOG_LEVEL'] ?? 'warn' });
const resultsFile = fileURLToPath(new URL('./results/latest.json', import.meta.url));

const cpuList = cpus();
const machine = {
  cpus: cpuList.length,
  cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${platform()} ${arch()}`,
  loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
};
const out = (line: string) => void process.stdout.write(`${line}\n`);
out(`machine       ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}, load ${machine.loadAverage.join(' ')}`);

const teardown = createTeardown();
const results: ScenarioResult[] = [];
const versions: Record<string, string> = {};
let fatal: string | undefined;
let interrupted = false;

// A signal ends the run like a failure: the same teardown, a summary, then exit 130.
const interruption = new Promise<never>((_, reject) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      reject(new Error(`interrupted by ${signal}`));
    });
  }
});

const record = (r: ScenarioResult) => {
  results.push(r);
  out(r.line);
  for (const f of r.failures) out(`  FAIL ${f}`);
};

/** Runs scenarios and records them with how busy this process was meanwhile. */
async function measured(run: () => Promise<ScenarioResult[]>): Promise<void> {
  const { result, load } = await withProcessLoad(run);
  for (const r of result) {
    r.data['process'] = load;
    r.line = `${r.line} ${describeLoad(load)}`;
    record(r);
  }
}

async function scenarios(): Promise<void> {
  // Pure CPU first, while nothing else runs on the two cores.
  await measured(async () => [segmentsScenario(100_000)]);
  const bench = await startBenchEnv(settings, teardown, logger);
  Object.assign(versions, bench.versions);
  out(`services      PostgreSQL ${bench.versions.postgres}, Redis ${bench.versions.redis}; API ${bench.apiUrl}; queue prefix ${bench.prefix}`);
  const client = apiClient(bench.apiUrl, bench.key, 32);
  teardown.add('close HTTP client', () => client.close());
  const acceptOpts = { n, concurrency: 32, batchSize: 100 };
  await prepareAccept(bench, client, 'bench-accept', acceptOpts);
  await measured(async () => [await acceptScenario(client, 'bench-accept', acceptOpts)]);
  await measured(async () => [await acceptBatchScenario(client, 'bench-accept', acceptOpts)]);
  await measured(async () => [await deliveryScenario(bench, client, 'bench-e2e', { n, batchSize: 100, concurrency: 4, deadlineMs: 60_000 })]);
  await measured(async () => [await rateLimitScenario(bench, client, 'bench-limited', { n: 250, max: 50, intervalMs: 1000, slack: rateSlack, deadlineMs: 20_000 })]);
}

const started = performance.now();
let budgetTimer: NodeJS.Timeout | undefined;
try {
  await Promise.race([
    scenarios(),
    interruption,
    new Promise<never>((_, reject) => {
      budgetTimer = setTimeout(() => reject(new Error(`the bench exceeded its budget of ${budgetMs} ms`)), budgetMs);
    }),
  ]);
} catch (err) {
  fatal = err instanceof Error ? err.message : String(err);
  out(`ERROR ${fatal}`);
} finally {
  clearTimeout(budgetTimer);
}
const teardownErrors = await teardown.run();
for (const e of teardownErrors) out(`  TEARDOWN ${e}`);

const failures = [...results.flatMap((r) => r.failures), ...(fatal ? [fatal] : [])];
const summary = {
  finishedAt: new Date().toISOString(),
  durationMs: Math.round(performance.now() - started),
  ok: failures.length === 0,
  machine,
  versions,
  settings: { n, dlrDelayMs: settings.dlrDelayMs, rateSlack },
  scenarios: Object.fromEntries(results.map((r) => [r.name, r.data])),
  failures,
  teardownErrors,
};
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
out(`${failures.length === 0 ? 'OK' : `FAILED (${failures.length} checks)`} in ${(summary.durationMs / 1000).toFixed(1)} s; summary in bench/results/latest.json`);
// Teardown closed everything we opened; exiting explicitly keeps a stray library timer from holding the run.
process.exit(interrupted ? 130 : failures.length === 0 ? 0 : 1);
