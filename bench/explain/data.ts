/**
 * A large, realistic data set made inside PostgreSQL with generate_series (no rows cross the
 * wire): messages spread over 60 days across ten accounts (one holds half of them), with events,
 * delivery reports, replies and webhook deliveries in the proportions of the 1M-message trial of
 * issue 11 (3 events, 0.2 reports, 0.1 replies and 0.1 webhook deliveries per message). Ids are
 * real time-ordered ids (ULID layout) of the row's creation time, so id order is time order as in
 * production. Used by `npm run bench:explain` (10M messages) and by the plan test (50k).
 */
import type postgres from 'postgres';

export interface DataShape {
  messages: number;
  /** Events per message (the trial: 3). */
  eventsPerMessage: number;
  /** Days the messages are spread over, ending now. */
  days: number;
}

/** The fixed names the queries look for (accounts, billees, gateways). */
export const BENCH = {
  bigAccount: 'acct_bench_0',
  /** One message in a thousand: listing it by the primary key would read a thousand rows per row found. */
  smallAccount: 'acct_bench_tiny',
  gateways: ['gw_0', 'gw_1', 'gw_2'],
  billeeType: 'customer',
} as const;

/** Tables the data set makes big: a sequential scan on one of them fails the plan check. */
export const BIG_TABLES = ['messages', 'message_events', 'status_reports', 'replies', 'webhook_deliveries'] as const;

/** A ULID-layout id of `prefix` at `ms` whose random part is `seq` in hex (unique per seq). One expression, so it inlines. */
const B32 = `'0123456789ABCDEFGHJKMNPQRSTVWXYZ'`;
const ULID_TIME = Array.from({ length: 10 }, (_, k) => `substr(${B32}, ((ms >> ${5 * (9 - k)}) & 31)::int + 1, 1)`).join(' || ');
const ULID_FN = `
CREATE OR REPLACE FUNCTION bench_ulid(prefix text, ms bigint, seq bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT prefix || '_' || ${ULID_TIME} || lpad(upper(to_hex(seq)), 16, '0')
$$`;

/** The newest rows, still in flight (messages) or not yet handled (replies, webhooks). */
const recent = (n: number) => Math.max(40, Math.floor(n / 5000));

/** The generator's row i, as SQL over `i` (1..n), `t0` (first ms) and `span` (ms). */
function rowSql(n: number, days: number): string {
  const span = days * 86_400_000;
  return `
    SELECT i, ms, h, now_ms - ms AS age, to_timestamp(ms / 1000.0) AS at,
      CASE WHEN i % 1000 = 1 THEN 'tiny' WHEN i % 2 = 0 THEN '0' ELSE (1 + (i / 2) % 9)::text END AS acct,
      CASE
        WHEN i > ${n - recent(n)} THEN (ARRAY['queued', 'sending', 'sent', 'delivered'])[1 + h % 4]
        WHEN h < 820 THEN 'delivered' WHEN h < 900 THEN 'sent' WHEN h < 960 THEN 'failed'
        WHEN h < 970 THEN 'expired' WHEN h < 980 THEN 'cancelled' WHEN h < 982 THEN 'unknown'
        ELSE 'delivered' END AS status
    FROM (
      SELECT i, (i * 2654435761) % 1000 AS h, now_ms, (now_ms - ${span} + i * (${span}::numeric / ${n}))::bigint AS ms
      FROM generate_series(1::bigint, ${n}) i, (SELECT (extract(epoch FROM now()) * 1000)::bigint AS now_ms) c
    ) r`;
}

async function loadMessages(sql: postgres.Sql, shape: DataShape): Promise<void> {
  const { messages: n, days } = shape;
  await sql.unsafe(`
    INSERT INTO accounts (id, name, webhook_secret)
    SELECT 'acct_bench_' || a, 'bench ' || a, 'whsec_bench' FROM unnest(ARRAY['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'tiny']) a
    ON CONFLICT DO NOTHING`);
  await sql.unsafe(`
    INSERT INTO billing_runs (id, account_id, until, created_at)
    SELECT 'run_bench_' || d, 'acct_bench_0', now(), now() FROM generate_series(0, ${Math.ceil(days) + 2}) d ON CONFLICT DO NOTHING`);
  await sql.unsafe(`
    INSERT INTO batches (id, account_id, total, done)
    SELECT 'bat_bench_' || b, 'acct_bench_0', 1000, 1000 FROM generate_series(0, ${Math.floor(n / 20_000)}) b ON CONFLICT DO NOTHING`);
  await sql.unsafe(`
    INSERT INTO messages (id, account_id, "to", country, "from", content, encoding, segments, status, gateway,
      route_gateways, gateway_message_id, attempts, batch_id, billee_type, billee_id, billed, billed_at, billing_run_id,
      billed_amount, billed_currency, rate, rate_currency, metadata, created_at, updated_at, sent_at, delivered_at)
    SELECT bench_ulid('msg', ms, i), 'acct_bench_' || acct, '+447700' || lpad(((i * 7919) % ${Math.max(1, Math.floor(n / 20))})::text, 6, '0'),
      'GB', 'Acme', 'Your code is ' || (i % 1000000) || '. It expires in 10 minutes. Reply STOP to opt out.', 'gsm7', 1, status,
      'gw_' || (i % 3), ARRAY['gw_' || (i % 3)],
      CASE WHEN status IN ('sent', 'delivered', 'failed', 'unknown') THEN 'gm' || i END, 1,
      CASE WHEN i % 20 = 0 THEN 'bat_bench_' || (i / 20000) END,
      CASE WHEN h % 10 < 3 THEN '${BENCH.billeeType}' END, CASE WHEN h % 10 < 3 THEN 'cust_' || ((i * 31) % 10000) END,
      billed, CASE WHEN billed THEN at + interval '2 days' END, CASE WHEN billed THEN 'run_bench_' || (age / 86400000) END,
      CASE WHEN billed THEN 0.05 END, CASE WHEN billed THEN 'EUR' END, 0.05, 'EUR',
      CASE WHEN h % 4 = 0 THEN '{"order": "A-1001", "channel": "checkout"}'::jsonb ELSE '{}'::jsonb END,
      at, at + interval '10 seconds',
      CASE WHEN status IN ('sent', 'delivered', 'failed') THEN at + interval '2 seconds' END,
      CASE WHEN status = 'delivered' THEN at + interval '10 seconds' END
    FROM (SELECT *, status IN ('sent', 'delivered') AND age > 2 * 86400000 AS billed FROM (${rowSql(n, days)}) r0) r`);
}

/** The seq of a generated id (its last 16 characters are the generator's i in hex). */
const SEQ = (col: string) => `('x' || right(${col}, 16))::bit(64)::bigint`;

async function loadChildren(sql: postgres.Sql, shape: DataShape): Promise<void> {
  await sql.unsafe(`
    INSERT INTO message_events (message_id, at, type, status, attempt, gateway, detail)
    SELECT m.id, m.created_at + k * interval '2 seconds', (ARRAY['accepted', 'sending', 'report', 'report'])[least(k, 4)],
      m.status, 1, m.gateway, CASE WHEN k = 1 THEN '{"segments": 1, "encoding": "gsm7"}'::jsonb ELSE '{}'::jsonb END
    FROM messages m CROSS JOIN generate_series(1, ${shape.eventsPerMessage}) k`);
  // About one message in five gets a delivery report.
  await sql.unsafe(`
    INSERT INTO status_reports (gateway, gateway_message_id, message_id, status, provider_status, state, reported_at, received_at, raw)
    SELECT gateway, gateway_message_id, id, CASE WHEN status = 'failed' THEN 'failed' ELSE 'delivered' END, 'DELIVRD', 'applied',
      created_at + interval '9 seconds', created_at + interval '10 seconds', '{"stat": "DELIVRD", "err": "000"}'::jsonb
    FROM messages WHERE gateway_message_id IS NOT NULL AND ${SEQ('id')} % 5 = 0`);
  // One in ten gets a reply (both parities: every account) (from the phone it went to), matched by reference.
  await sql.unsafe(`
    INSERT INTO replies (id, account_id, message_id, gateway, "from", "to", content, received_at, provider_id, reference, matched_by,
      handler_state, raw, created_at)
    SELECT bench_ulid('rpl', (extract(epoch FROM created_at) * 1000)::bigint + 60000, ${SEQ('id')}), account_id, id, gateway, "to", 'Acme',
      'YES please', created_at + interval '1 minute', 'p' || ${SEQ('id')}, id, 'reference',
      CASE WHEN ${SEQ('id')} > ${shape.messages - recent(shape.messages)} THEN 'pending' END, '{}'::jsonb, created_at + interval '1 minute'
    FROM messages WHERE ${SEQ('id')} % 20 IN (3, 4)`);
  // One in ten a webhook delivery (most delivered, 1% failed, the last minute's still pending).
  await sql.unsafe(`
    INSERT INTO webhook_deliveries (id, account_id, message_id, url, event_type, payload, state, attempts, last_status_code, created_at, delivered_at)
    SELECT bench_ulid('whk', (extract(epoch FROM created_at) * 1000)::bigint + 10000, ${SEQ('id')}), account_id, id,
      'https://hooks.example.invalid/sms', 'message.status',
      jsonb_build_object('type', 'message.status', 'data', jsonb_build_object('id', id, 'status', status, 'to', "to",
        'segments', segments, 'gateway', gateway, 'createdAt', created_at, 'metadata', metadata)),
      CASE WHEN ${SEQ('id')} > ${shape.messages - recent(shape.messages)} THEN 'pending' WHEN ${SEQ('id')} % 1000 = 7 THEN 'failed' ELSE 'delivered' END,
      1, 200, created_at + interval '10 seconds', created_at + interval '11 seconds'
    FROM messages WHERE ${SEQ('id')} % 20 IN (7, 8)`);
}

export interface LoadReport {
  ms: Record<string, number>;
}

/**
 * Fills a migrated database: the big tables' secondary indexes are dropped for the load and
 * rebuilt after it from their own definitions (a build is much cheaper than 10M index inserts),
 * foreign-key triggers are off for the session (the rows are consistent by construction), then
 * ANALYZE. Returns how long each step took.
 */
export async function generate(
  sql: postgres.Sql,
  shape: DataShape,
  progress: (line: string) => void = () => undefined,
): Promise<LoadReport> {
  const ms: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t = Date.now();
    await fn();
    ms[name] = Date.now() - t;
    progress(`${name}: ${ms[name]} ms`);
  };
  await sql.unsafe(ULID_FN);
  const tables = BIG_TABLES.map((t) => `'${t}'`).join(', ');
  const indexes = await sql.unsafe<{ name: string; def: string }[]>(`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename IN (${tables})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  await sql.unsafe('SET session_replication_role = replica');
  try {
    for (const ix of indexes) await sql.unsafe(`DROP INDEX ${ix.name}`);
    await step('messages', () => loadMessages(sql, shape));
    await step('children', () => loadChildren(sql, shape));
    await step('indexes', async () => {
      for (const ix of indexes) await sql.unsafe(ix.def);
    });
  } finally {
    await sql.unsafe('SET session_replication_role = DEFAULT');
  }
  await step('analyze', () => sql.unsafe(`VACUUM ANALYZE ${BIG_TABLES.join(', ')}, accounts, batches, billing_runs`));
  return { ms };
}

/** pg_total_relation_size of each big table (heap, TOAST and indexes), and its row count. */
export async function tableSizes(sql: postgres.Sql): Promise<{ table: string; rows: number; bytes: number; indexBytes: number }[]> {
  const out: { table: string; rows: number; bytes: number; indexBytes: number }[] = [];
  for (const table of BIG_TABLES) {
    const [row] = await sql.unsafe<{ rows: string; bytes: string; ix: string }[]>(
      `SELECT (SELECT count(*) FROM ${table}) AS rows, pg_total_relation_size('${table}') AS bytes, pg_indexes_size('${table}') AS ix`,
    );
    out.push({ table, rows: Number(row?.rows), bytes: Number(row?.bytes), indexBytes: Number(row?.ix) });
  }
  return out;
}
