/**
 * Write costs measured on the generated data: what the messages table's index set costs per
 * accepted message and per status change (before and after the retention change's indexes), and
 * what the retention job's delete-in-batches costs per message. WAL is counted for the scratch
 * database only when pg_walinspect is available (other databases on a shared server write too),
 * else it is the server's figure.
 */
import type postgres from 'postgres';
import { deleteOldMessages, openDatabase } from '@smsgw/db';

const ROWS = 100_000;
const GROUP = 100;

/** Indexes this change added to messages, and the two it replaced (as they were before). */
const ADDED = ['messages_account_status_idx', 'messages_account_billee_idx', 'messages_billable_idx', 'messages_to_sent_idx'];
const BEFORE_ONLY = [
  'CREATE INDEX %_unbilled ON public.% USING btree (account_id, billee_type, billee_id) WHERE (billed = false)',
  'CREATE INDEX %_to_sent ON public.% USING btree ("to", sent_at) WHERE (sent_at IS NOT NULL)',
];

interface Wal {
  bytes: number;
  fpi: number;
  scope: 'database' | 'server';
}

async function lsn(sql: postgres.Sql): Promise<string> {
  const [row] = await sql.unsafe<{ l: string }[]>('SELECT pg_current_wal_flush_lsn()::text AS l');
  return row?.l ?? '0/0';
}

/** WAL written between two positions by this database (pg_walinspect), else by the server. */
async function walBetween(sql: postgres.Sql, from: string, to: string): Promise<Wal> {
  try {
    const [row] = await sql.unsafe<{ b: string; f: string }[]>(`
      WITH r AS (SELECT xid::text AS x, record_length, fpi_length, block_ref FROM pg_get_wal_records_info('${from}'::pg_lsn, '${to}'::pg_lsn)),
        me AS (SELECT '%/' || oid || '/%' AS p FROM pg_database WHERE datname = current_database()),
        mine AS (SELECT DISTINCT x FROM r, me WHERE x <> '0' AND block_ref LIKE me.p)
      SELECT coalesce(sum(record_length), 0)::text AS b, coalesce(sum(fpi_length), 0)::text AS f
      FROM r, me WHERE r.block_ref LIKE me.p OR r.x IN (SELECT x FROM mine)`);
    return { bytes: Number(row?.b ?? 0), fpi: Number(row?.f ?? 0), scope: 'database' };
  } catch {
    const [row] = await sql.unsafe<{ b: string }[]>(`SELECT pg_wal_lsn_diff('${to}'::pg_lsn, '${from}'::pg_lsn)::text AS b`);
    return { bytes: Number(row?.b ?? 0), fpi: 0, scope: 'server' };
  }
}

/**
 * Times `fn` and counts its WAL. A checkpoint first, so every phase pays its full-page images
 * alike; a temporary slot holds the WAL meanwhile (a busy server may recycle a segment before
 * pg_walinspect reads it). Both are best effort: without them the figure is the server's.
 */
async function timed(sql: postgres.Sql, fn: () => Promise<unknown>): Promise<{ ms: number; wal: Wal }> {
  await sql.unsafe('CHECKPOINT').catch(() => undefined);
  const slot = `explain_wal_${process.pid}`;
  const held = await sql.unsafe(`SELECT pg_create_physical_replication_slot('${slot}', true, true)`).then(
    () => true,
    () => false,
  );
  try {
    const from = await lsn(sql);
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    const to = await lsn(sql);
    return { ms, wal: await walBetween(sql, from, to) };
  } finally {
    if (held) await sql.unsafe(`SELECT pg_drop_replication_slot('${slot}')`).catch(() => undefined);
  }
}

const perRow = (w: Wal, rows: number) =>
  `${Math.round(w.bytes / rows)} B WAL/row (${Math.round((w.bytes - w.fpi) / rows)} without full-page images)`;

/**
 * 100k messages accepted in groups of 100 (as the hot path groups them), then three status
 * changes each (claim, sent, delivered), into a copy of `messages` with the index set before this
 * change and one with the set after it. Every status change also changes `updated_at`, which an
 * index holds, so no update is HOT: each one inserts into every index whose predicate it meets.
 */
export async function measureWriteCost(sql: postgres.Sql): Promise<string[]> {
  await sql.unsafe('CREATE EXTENSION IF NOT EXISTS pg_walinspect').catch(() => undefined);
  const defs = await sql.unsafe<{ name: string; def: string }[]>(`
    SELECT indexname AS name, indexdef AS def FROM pg_indexes
    WHERE schemaname = 'public' AND tablename = 'messages' AND indexname <> 'messages_pkey'`);
  await sql.unsafe(`DROP TABLE IF EXISTS wc_src`);
  await sql.unsafe(`
    CREATE TABLE wc_src AS SELECT row_number() OVER (ORDER BY id) AS n, m.* FROM (
      SELECT * FROM messages ORDER BY id DESC LIMIT ${ROWS}) m`);
  await sql.unsafe(`UPDATE wc_src SET id = 'wc' || id, status = 'queued', billed = false, billed_at = NULL, billing_run_id = NULL,
    gateway_message_id = NULL, sent_at = NULL, delivered_at = NULL`);
  const lines: string[] = [];
  for (const variant of ['before', 'after'] as const) {
    const t = `wc_${variant}`;
    await sql.unsafe(`DROP TABLE IF EXISTS ${t}`);
    await sql.unsafe(`CREATE TABLE ${t} (LIKE messages INCLUDING DEFAULTS)`);
    await sql.unsafe(`ALTER TABLE ${t} ADD PRIMARY KEY (id)`);
    const kept = defs.filter((d) => variant === 'after' || !ADDED.includes(d.name));
    for (const d of kept) await sql.unsafe(d.def.replace(`INDEX ${d.name} ON public.messages`, `INDEX ${t}_${d.name} ON public.${t}`));
    if (variant === 'before') for (const d of BEFORE_ONLY) await sql.unsafe(d.replaceAll('%', t));
    const cols = (
      await sql.unsafe<{ c: string }[]>(`SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS c
      FROM information_schema.columns WHERE table_name = 'messages' AND table_schema = 'public'`)
    )[0]?.c;
    const groups = async (statement: (lo: number, hi: number) => string) => {
      for (let lo = 0; lo < ROWS; lo += GROUP) await sql.unsafe(statement(lo, lo + GROUP));
    };
    const insert = await timed(sql, () =>
      groups((lo, hi) => `INSERT INTO ${t} (${cols}) SELECT ${cols} FROM wc_src WHERE n > ${lo} AND n <= ${hi}`),
    );
    const update = (set: string) => (lo: number, hi: number) =>
      `UPDATE ${t} m SET ${set}, updated_at = now() FROM wc_src s WHERE m.id = s.id AND s.n > ${lo} AND s.n <= ${hi}`;
    const claim = await timed(sql, () => groups(update(`status = 'sending', attempts = m.attempts + 1`)));
    const sent = await timed(sql, () => groups(update(`status = 'sent', gateway_message_id = 'g' || m.id, sent_at = now()`)));
    const delivered = await timed(sql, () => groups(update(`status = 'delivered', delivered_at = now()`)));
    const [size] = await sql.unsafe<{ ix: string; n: string }[]>(
      `SELECT pg_indexes_size('${t}')::text AS ix, (SELECT count(*) FROM pg_indexes WHERE tablename = '${t}')::text AS n`,
    );
    const changes = { ms: claim.ms + sent.ms + delivered.ms, bytes: claim.wal.bytes + sent.wal.bytes + delivered.wal.bytes };
    lines.push(
      `${variant}: ${size?.n} indexes, ${(((Number(size?.ix) / ROWS) * 1e6) / 2 ** 20).toFixed(0)} MB of index per 1M messages (${insert.wal.scope} WAL)`,
      `  accept: ${(insert.ms / (ROWS / 1000)).toFixed(1)} ms per 1000 rows, ${perRow(insert.wal, ROWS)}`,
      `  3 status changes: ${(changes.ms / (ROWS / 1000)).toFixed(1)} ms per 1000 messages, ${Math.round(changes.bytes / ROWS)} B WAL/message` +
        ` (claim ${perRow(claim.wal, ROWS)}; sent ${Math.round(sent.wal.bytes / ROWS)}; delivered ${Math.round(delivered.wal.bytes / ROWS)})`,
    );
    await sql.unsafe(`DROP TABLE ${t}`);
  }
  await sql.unsafe(`DROP TABLE wc_src`);
  return lines;
}

/**
 * The retention job's message batches on the generated data: messages older than 30 days, 1000
 * primary keys per statement, with their events (cascade), reports and webhook deliveries and
 * their replies unlinked, for at most EXPLAIN_RETENTION_SECONDS (default 60); rates are per second.
 */
export async function measureRetention(url: string, sql: postgres.Sql): Promise<string[]> {
  const seconds = Number(process.env['EXPLAIN_RETENTION_SECONDS'] ?? 60);
  const database = await openDatabase({ url, max: 1 });
  const count = async (t: string) => Number((await sql.unsafe<{ n: string }[]>(`SELECT count(*)::text AS n FROM ${t}`))[0]?.n ?? 0);
  const tables = ['messages', 'message_events', 'status_reports', 'webhook_deliveries'];
  const before = await Promise.all(tables.map(count));
  let deleted = 0;
  let batches = 0;
  const latencies: number[] = [];
  const cutoff = new Date(Date.now() - 30 * 86_400_000);
  const run = await timed(sql, async () => {
    const deadline = Date.now() + seconds * 1000;
    let after: string | null = null;
    while (Date.now() < deadline) {
      const t = performance.now();
      const batch = await deleteOldMessages(database.db, { cutoff, after, limit: 1000, keepUnbilled: true });
      latencies.push(performance.now() - t);
      batches++;
      deleted += batch.deleted;
      if (!batch.more || batch.last === null) break;
      after = batch.last;
    }
  });
  await database.close();
  const afterCounts = await Promise.all(tables.map(count));
  const gone = tables.map((t, i) => `${t} ${(before[i] ?? 0) - (afterCounts[i] ?? 0)}`).join(', ');
  latencies.sort((a, b) => a - b);
  const p = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(0);
  return [
    `${batches} batches in ${(run.ms / 1000).toFixed(1)} s; rows deleted: ${gone}`,
    `${Math.round(deleted / (run.ms / 1000))} messages/s with their children; a batch (one statement, one transaction) took p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`,
    `${run.wal.scope} WAL ${((run.wal.bytes / 2 ** 20) | 0).toLocaleString('en')} MB = ${Math.round(run.wal.bytes / Math.max(1, deleted))} B per message deleted (with its children)`,
  ];
}
