/**
 * `npm run bench`: the product as separate processes (API, workers, sandbox, load generator) on
 * a fresh database and a private Redis, next to a bare-library ceiling measured in the same run.
 * Prints a table, then one JSON line (always last); writes bench/results/<time>.json; exits
 * non-zero when a message was lost, duplicated or left undelivered, or a check failed.
 * See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { onUnexpectedExit, start, stopAll } from './lib/children.js';
import { remainingMs, type Context } from './lib/context.js';
import { benchDatabaseName, createBenchDatabase } from './lib/database.js';
import { correctness } from './lib/messages.js';
import { startRedis } from './lib/redis.js';
import { readSettings } from './lib/settings.js';
import { createTeardown } from './lib/teardown.js';
import { runAccept } from './phases/accept.js';
import { runCeiling } from './phases/ceiling.js';
import { runCounting } from './phases/counting.js';
import { runE2e } from './phases/e2e.js';
import { runRateLimit } from './phases/rate-limit.js';
import { runSmpp } from './phases/smpp.js';
import type { SandboxSummary } from './procs/sandbox.js';
import { readableTable, summaryLine, type Results } from './report.js';
import { BLOCKS } from './workload.js';

const startedAt = Date.now();
/** A URL without its password, for the results file. */
const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
const out = (line: string) => process.stdout.write(`${line}\n`);
const settings = readSettings(process.env);
const cpuList = cpus();
const machine: Record<string, unknown> = {
  cpus: cpuList.length,
  cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${platform()} ${arch()}`,
  loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
};
out(
  `machine       ${machine['cpus']} cpus (${machine['cpuModel']}), ${machine['memoryGiB']} GiB, node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

const teardown = createTeardown(20_000);
const results: Results = {};
const failures: string[] = [];
const notes: string[] = [];
let aborted: string | undefined;
const loadByPhase: Record<string, number> = {};
machine['loadAverage1mAfterPhase'] = loadByPhase;

// A crash of any long-running child, a signal, or the run's budget ends the run the same way.
const abort = new Promise<never>((_, reject) => {
  onUnexpectedExit((child, how) => reject(new Error(`${child.name} exited unexpectedly (${how}); its last output:\n${child.tail()}`)));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => reject(new Error(`interrupted by ${signal}`)));
  // A bug in the bench itself must still tear down (children, database) before exiting.
  process.on('uncaughtException', (err) => reject(err));
  process.on('unhandledRejection', (err) => reject(err instanceof Error ? err : new Error(String(err))));
  setTimeout(() => reject(new Error(`the run exceeded BENCH_BUDGET_S (${settings.budgetMs / 1000} s)`)), settings.budgetMs).unref();
});

async function phase(ctx: Context, name: string, minMs: number, run: () => Promise<void>): Promise<void> {
  if (!settings.phases.has(name)) return;
  if (remainingMs(ctx) < minMs) {
    notes.push(`${name}: skipped, ${Math.round(remainingMs(ctx) / 1000)} s left of the run's budget`);
    return;
  }
  try {
    await run();
    // The neighbours' load while this phase ran: absolute figures only compare at similar load.
    loadByPhase[name] = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  } catch (err) {
    // One phase failing (a stack that would not start) does not hide the others' figures.
    failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    out(`${name.padEnd(13)} FAILED: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}

async function main(): Promise<void> {
  const redis = await startRedis(settings.externalRedisUrl, settings.redisServer);
  teardown.add('stop Redis', () => redis.close());
  // The janitor learns the name first: a SIGKILL during migrations still leaves nothing behind.
  const dbName = benchDatabaseName();
  await redis.janitor?.request('watchDatabase', { adminUrl: settings.adminDatabaseUrl, name: dbName });
  const db = await createBenchDatabase(settings.adminDatabaseUrl, dbName, {});
  teardown.add('drop database', () => db.drop());
  machine['postgres'] = db.serverVersion;
  machine['redis'] = redis.version;
  const sandbox = start('sandbox', 'bench/procs/sandbox.ts', [], {
    ipc: true,
    env: { BENCH_SANDBOX: JSON.stringify({ latencyMs: settings.sandboxLatencyMs, dlrDelayMs: settings.dlrDelayMs }) },
  });
  const { url: sandboxUrl } = await sandbox.ready<{ url: string }>(60_000);
  const prefix = `smsgw-bench-${randomBytes(4).toString('hex')}`;
  out(
    `services      PostgreSQL ${db.serverVersion} (database ${db.name}), Redis ${redis.version} at ${redis.url}${redis.exact ? ' (private)' : ' (shared: counts inexact)'}; prefix ${prefix}; sandbox ${sandboxUrl}`,
  );
  const ctx: Context = {
    settings,
    db,
    redis,
    product: {
      dbUrl: db.url,
      redisUrl: redis.url,
      prefix,
      apiKey: `bench_${randomBytes(16).toString('hex')}`,
      encryptionKey: randomBytes(32).toString('hex'),
      sandboxUrl,
      logLevel: settings.logLevel,
    },
    sandbox,
    acceptedIds: [],
    failures,
    notes,
    deadline: startedAt + settings.budgetMs - 15_000,
    stacks: 0,
    out,
  };
  const s = settings;
  await phase(ctx, 'accept', 30_000, async () => {
    results.accept = await runAccept(ctx);
  });
  // The ceiling right before the product's e2e run: the pair the headline ratio compares.
  await phase(ctx, 'ceiling', 30_000, async () => {
    results.ceiling = await runCeiling(ctx);
  });
  await phase(ctx, 'e2e', 30_000, async () => {
    const r = await runE2e(ctx, { name: 'e2e', block: BLOCKS.e2e, n: s.n, workers: s.workers, budgetMs: s.phaseBudgetMs, latency: true });
    results.e2e = r.e2e;
    if (r.latency) results.latency = r.latency;
  });
  await phase(ctx, 'workers2', 30_000, async () => {
    results.workers2 = (
      await runE2e(ctx, { name: 'workers2', block: BLOCKS.workers2, n: s.n, workers: s.workersAlt, budgetMs: s.phaseBudgetMs })
    ).e2e;
  });
  await phase(ctx, 'count', 20_000, async () => {
    // Steady at half the measured max, like the latency run (100/s when e2e did not run).
    const steadyPerSec = Math.max(1, Math.round((results.e2e?.sentPerSec ?? 200) / 2));
    results.counting = await runCounting(ctx, steadyPerSec);
  });
  await phase(ctx, 'smpp', 20_000, async () => {
    results.smpp = await runSmpp(120_000);
    out(`smpp          submit_sm/s through one bind: window 10 ${results.smpp.window10}, window 100 ${results.smpp.window100}`);
  });
  await phase(ctx, 'ratelimit', 20_000, async () => {
    results.rateLimit = await runRateLimit(ctx);
  });
  await phase(ctx, 'scale', 60_000, async () => {
    // Small and large back to back, so the neighbours' load drifts as little as possible between them.
    const small = await runE2e(ctx, {
      name: 'scale small',
      block: BLOCKS.scaleSmall,
      n: s.n,
      workers: s.workers,
      budgetMs: s.phaseBudgetMs,
    });
    results.scaleSmall = small.e2e;
    // Sized to fit what is left: at the rate just measured, sending must end within the budget.
    const budgetMs = Math.min(s.scaleBudgetMs, remainingMs(ctx) - 20_000);
    const perSec = small.e2e.sentPerSec;
    const fits = perSec > 0 ? Math.floor((perSec * budgetMs * 0.8) / 1000) : s.scaleN;
    const n = Math.max(100, Math.min(s.scaleN, fits));
    if (n < s.scaleN) notes.push(`scale: ${n} of ${s.scaleN} messages fit the ${Math.round(budgetMs / 1000)} s budget at ${perSec} msg/s`);
    results.scale = (
      await runE2e(ctx, { name: 'scale large', block: BLOCKS.scale, n, requested: s.scaleN, workers: s.workers, budgetMs })
    ).e2e;
  });

  // The oracle: every 202 is a row, sent once, and delivered.
  const summary = await sandbox.request<SandboxSummary>('summary', { idle: true, references: true }, 60_000);
  const db0 = await correctness(db.sql, ctx.acceptedIds);
  const strangers = (summary.references ?? []).filter((ref) => !db0.ids.has(ref)).length;
  results.correctness = {
    lost: db0.lost,
    duplicates: summary.extraSends,
    undelivered: db0.undelivered,
    strangers,
    missingRows: db0.missingRows,
    statuses: db0.statuses,
  };
  if (db0.lost > 0) failures.push(`${db0.lost} accepted messages were never sent`);
  if (db0.missingRows > 0) failures.push(`${db0.missingRows} messages answered 202 have no row`);
  if (summary.extraSends > 0)
    failures.push(`${summary.extraSends} duplicate sends reached the provider (${summary.duplicatedSample.join(', ')})`);
  if (db0.undelivered > 0) failures.push(`${db0.undelivered} messages not delivered: ${JSON.stringify(db0.statuses)}`);
  if (strangers > 0) failures.push(`${strangers} provider requests match no message`);
  if (summary.reports.neverAcked > 0)
    failures.push(`${summary.reports.neverAcked} delivery reports were never answered 2xx (${JSON.stringify(summary.reports.outcomes)})`);
  if (summary.reports.retried > 0)
    notes.push(`${summary.reports.retried} delivery report calls were retries (${JSON.stringify(summary.reports.outcomes)})`);
}

try {
  await Promise.race([main(), abort]);
} catch (err) {
  aborted = err instanceof Error ? err.message : String(err);
  // What the abandoned phase reports while its processes are stopped under it is noise: freeze.
  failures.push(aborted);
  Object.freeze(failures);
  Object.freeze(notes);
  out(`ERROR ${aborted}`);
}
// Children first (they hold connections to the database being dropped), then the rest.
await stopAll(10_000);
const teardownErrors = await teardown.run();
const allFailures = [...failures, ...teardownErrors.map((e) => `teardown: ${e}`)];

machine['loadAverageAtEnd'] = loadavg().map((l) => Math.round(l * 100) / 100);
const ok = allFailures.length === 0;
const line = summaryLine(results, machine, ok);
const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-');
const file = fileURLToPath(new URL(`./results/${stamp}.json`, import.meta.url));
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ summary: line, settings: { ...settings, adminDatabaseUrl: redact(settings.adminDatabaseUrl), phases: [...settings.phases] }, results, failures: allFailures, notes, durationMs: Date.now() - startedAt }, null, 2)}\n`,
);

out('');
out(readableTable(results));
out('');
for (const n of notes) out(`note: ${n}`);
for (const f of allFailures) out(`FAIL: ${f}`);
out(`${ok ? 'OK' : `FAILED (${allFailures.length})`} in ${Math.round((Date.now() - startedAt) / 1000)} s; details in ${file}`);
out(JSON.stringify(line));
process.exit(aborted?.startsWith('interrupted') ? 130 : ok ? 0 : 1);
