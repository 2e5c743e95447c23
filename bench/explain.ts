/**
 * `npm run bench:explain`: the indexes the hot and list queries need, shown at scale. Makes a
 * scratch database (migrated by the product's migrations), fills it with a generated data set
 * (10M messages by default, EXPLAIN_MESSAGES to change it; EXPLAIN_EVENTS_PER_MESSAGE, default
 * 3), ANALYZEs it, and prints EXPLAIN (ANALYZE, BUFFERS) of every query in bench/explain/queries.ts
 * as the product runs it. Then the storage per table and per 1M messages, and (EXPLAIN_RETENTION,
 * default on) the retention job's delete-in-batches throughput and WAL on the same data.
 * Exits 1 when a query does not use its index or scans a big table sequentially.
 *
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); the
 * scratch database is dropped at the end unless EXPLAIN_KEEP=1.
 */
import postgres from 'postgres';
import { openDatabase } from '@smsgw/db';
import { generate, tableSizes } from './explain/data.js';
import { explainingDb, pickSamples, planProblems, QUERIES, type CapturedPlan, type PlanNode } from './explain/queries.js';
import { measureRetention, measureWriteCost } from './explain/costs.js';

const out = (line = '') => process.stdout.write(`${line}\n`);
const env = process.env;
const messages = Number(env['EXPLAIN_MESSAGES'] ?? 10_000_000);
const eventsPerMessage = Number(env['EXPLAIN_EVENTS_PER_MESSAGE'] ?? 3);
const serverUrl = env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `smsgw_explain_${Date.now()}_${process.pid}`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** One plan as EXPLAIN's text shows it: a node per line, with index, rows, time and buffers. */
function render(node: PlanNode, depth = 0): string[] {
  const on = node['Index Name']
    ? ` using ${node['Index Name']} on ${node['Relation Name'] ?? ''}`
    : node['Relation Name']
      ? ` on ${node['Relation Name']}`
      : '';
  const rows = node['Actual Rows'] !== undefined ? ` rows=${node['Actual Rows']}` : '';
  const loops = typeof node['Actual Loops'] === 'number' && node['Actual Loops'] > 1 ? ` loops=${node['Actual Loops']}` : '';
  const time = node['Actual Total Time'] !== undefined ? ` time=${node['Actual Total Time']} ms` : '';
  const hit = node['Shared Hit Blocks'] ?? 0;
  const read = node['Shared Read Blocks'] ?? 0;
  const buffers = hit + read > 0 ? ` buffers: hit=${hit} read=${read}` : '';
  const cond = ['Index Cond', 'Filter', 'Recheck Cond'].flatMap((k) =>
    typeof node[k] === 'string' ? [`    ${k}: ${String(node[k])}`] : [],
  );
  const pad = '  '.repeat(depth);
  return [
    `${pad}-> ${node['Node Type']}${on}${rows}${loops}${time}${buffers}`,
    ...cond.map((c) => `${pad}${c}`),
    ...(node.Plans ?? []).flatMap((p) => render(p, depth + 1)),
  ];
}

async function main(): Promise<number> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  let failures = 0;
  try {
    const database = await openDatabase({ url: url.toString(), max: 1 });
    await database.migrate();
    await database.close();
    const sql = postgres(url.toString(), { max: 1, onnotice: () => undefined });
    try {
      out(`# ${messages.toLocaleString('en')} messages, ${eventsPerMessage} events each, over 60 days (${name})`);
      const [server] = await sql.unsafe<{ v: string }[]>(`SELECT current_setting('server_version') AS v`);
      out(`PostgreSQL ${server?.v ?? '?'}`);
      await generate(sql, { messages, eventsPerMessage, days: 60 }, (line) => out(`  load ${line}`));
      const samples = await pickSamples(sql);
      const explaining = await explainingDb(url.toString(), true);
      try {
        for (const q of QUERIES) {
          const plans: CapturedPlan[] = await explaining.explain(q, samples);
          const problems = planProblems(q, plans);
          if (problems.length > 0) failures++;
          out();
          out(`## ${q.name}${problems.length > 0 ? `   FAIL: ${problems.join('; ')}` : ''}`);
          // Foreign-key checks and cascades run once per row: each distinct statement is shown once.
          const shown = new Map<string, number>();
          for (const p of plans) shown.set(p.query, (shown.get(p.query) ?? 0) + 1);
          for (const p of plans) {
            const times = shown.get(p.query);
            if (times === undefined) continue;
            shown.delete(p.query);
            out(`${p.query.replace(/\s+/g, ' ').trim().slice(0, 160)}${times > 1 ? `   (×${times}, the first shown)` : ''}`);
            out(`  (${p.durationMs} ms)`);
            for (const line of render(p.plan)) out(`  ${line}`);
          }
        }
      } finally {
        await explaining.close();
      }
      out();
      out('## storage (pg_total_relation_size: heap, TOAST and indexes)');
      const sizes = await tableSizes(sql);
      let total = 0;
      for (const s of sizes) {
        total += s.bytes;
        out(`  ${s.table.padEnd(20)} ${String(s.rows).padStart(12)} rows  ${mb(s.bytes).padStart(12)}  (indexes ${mb(s.indexBytes)})`);
      }
      out(`  total ${mb(total)}; per 1M messages ${mb((total / messages) * 1_000_000)}`);
      if (env['EXPLAIN_WRITE_COST'] !== '0') {
        out();
        out('## write cost of the messages indexes (100k accepted, 100k status changes; before = the index set before this change)');
        for (const line of await measureWriteCost(sql)) out(`  ${line}`);
      }
      if (env['EXPLAIN_RETENTION'] !== '0') {
        out();
        out('## retention: delete in batches of 1000 (messages older than 30 days, then their children by cascade)');
        for (const line of await measureRetention(url.toString(), sql)) out(`  ${line}`);
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    if (env['EXPLAIN_KEEP'] !== '1') await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else out(`kept ${name}`);
    await admin.end({ timeout: 5 });
  }
  out();
  out(failures === 0 ? 'every query uses its index' : `${failures} queries do not use their index or scan a big table`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
