/**
 * The accept statement: one per message, or per group of messages (group commit), or per batch.
 * Its own file because it does the most: rows, events, the opt-out check, the price, the credit
 * reservation and the batch, all in ONE statement, so a message never exists without any of them.
 */

const MESSAGE_INPUT = `ord int, id text, account_id text, "to" text, country text, "from" text, content text, encoding text, segments int,
  status text, gateway text, route_gateways text[], billee_type text, billee_id text, reply_handler text,
  webhook_url text, metadata jsonb, idempotency_key text, request_hash text, send_at timestamptz, valid_until timestamptz,
  batch_id text`;
const COLUMNS = [
  'id',
  'account_id',
  '"to"',
  'country',
  '"from"',
  'content',
  'encoding',
  'segments',
  'status',
  'gateway',
  'route_gateways',
  'billee_type',
  'billee_id',
  'reply_handler',
  'webhook_url',
  'metadata',
  'idempotency_key',
  'request_hash',
  'send_at',
  'valid_until',
  'batch_id',
];

/** An opt-out of the row's recipient, for its account or for every account. */
export const OPTED_OUT = (m: string) =>
  `EXISTS (SELECT 1 FROM opt_outs o WHERE o.number = ${m}."to" AND (o.account_id = ${m}.account_id OR o.account_id IS NULL))`;

/** A row whose idempotency key was used before: answered with the first message, whatever happened since. */
const REPEAT = (m: string) =>
  `EXISTS (SELECT 1 FROM messages x WHERE x.account_id = ${m}.account_id AND x.idempotency_key = ${m}.idempotency_key)`;

/**
 * $1: the messages (with `ord`, their position); $2: the batches they name (empty for single
 * messages). One row back per input: `row` when inserted; else `blocked` (the recipient opted
 * out), `no_credit` (its prepaid billee cannot pay for it, or it has no price in the credit's
 * currency), `vetoed` (valid, but its atomic batch had a refused row, so none was stored), or
 * none of these when the idempotency key was used before (the caller reads the first message).
 *
 * Credit: the prepaid billees' rows are locked first, in key order (`ck`), so a concurrent accept
 * for the same billee waits and then reads the balance as that one left it; within a statement
 * the rows are taken in input order, each counting the ones before it.
 */
export const ACCEPT = `
WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(${MESSAGE_INPUT})),
ir AS (
  -- The price per segment now: the most specific rate of the gateway, then its latest version.
  SELECT i.*, rt.rt_id, rt.rt_price, rt.rt_currency FROM i LEFT JOIN LATERAL (
    SELECT r.id AS rt_id, r.price_per_segment AS rt_price, r.currency AS rt_currency FROM rates r
    WHERE r.gateway = i.gateway AND r.valid_from <= now()
      AND (r.prefix IS NULL OR i."to" LIKE '+' || r.prefix || '%') AND (r.country IS NULL OR r.country = i.country)
    ORDER BY length(r.prefix) DESC NULLS LAST, (r.country IS NOT NULL) DESC, r.valid_from DESC, r.id DESC
    LIMIT 1
  ) rt ON true
),
bi AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS t(id text, account_id text, atomic boolean, webhook_url text, idempotency_key text)),
b AS (SELECT i.id FROM i WHERE ${OPTED_OUT('i')} AND NOT ${REPEAT('i')}),
ck AS (
  SELECT c.account_id, c.billee_type, c.billee_id, c.currency, c.credit_limit - c.reserved - c.spent AS available
  FROM billee_credits c
  WHERE (c.account_id, c.billee_type, c.billee_id) IN (SELECT i.account_id, i.billee_type, i.billee_id FROM i WHERE i.billee_id IS NOT NULL)
  ORDER BY c.account_id, c.billee_type, c.billee_id
  FOR NO KEY UPDATE
),
cr AS (
  SELECT x.id, x.cost, (x.cost IS NULL OR x.running > x.available) AS refused FROM (
    SELECT ir.id, ck.available, q.cost,
      sum(q.cost) OVER (PARTITION BY ck.account_id, ck.billee_type, ck.billee_id ORDER BY ir.ord) AS running
    FROM ir JOIN ck ON ck.account_id = ir.account_id AND ck.billee_type = ir.billee_type AND ck.billee_id = ir.billee_id
    CROSS JOIN LATERAL (SELECT CASE WHEN ir.rt_currency = ck.currency THEN ir.segments * ir.rt_price END AS cost) q
    -- A refused recipient or a repeat costs nothing: it will not be stored.
    WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.id = ir.id) AND NOT ${REPEAT('ir')}
  ) x
),
v AS (
  SELECT bi.id FROM bi WHERE bi.atomic AND EXISTS (
    SELECT 1 FROM i WHERE i.batch_id = bi.id
      AND (EXISTS (SELECT 1 FROM b WHERE b.id = i.id) OR EXISTS (SELECT 1 FROM cr WHERE cr.id = i.id AND cr.refused)))
),
m AS (
  INSERT INTO messages (${COLUMNS.join(', ')}, rate_id, rate, rate_currency, credit_reserved)
  SELECT ${COLUMNS.map((c) => `i.${c}`).join(', ')}, i.rt_id, i.rt_price, i.rt_currency, cr.cost
  FROM ir i LEFT JOIN cr ON cr.id = i.id
  WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.id = i.id) AND NOT EXISTS (SELECT 1 FROM v WHERE v.id = i.batch_id)
    AND NOT coalesce(cr.refused, false)
  ON CONFLICT DO NOTHING
  RETURNING *
), e AS (
  INSERT INTO message_events (message_id, type, status, gateway, detail)
  SELECT m.id, 'accepted', m.status, m.gateway, jsonb_build_object('segments', m.segments, 'encoding', m.encoding) FROM m
), cu AS (
  -- What was stored is what is reserved: a row that lost an idempotency race holds nothing.
  UPDATE billee_credits c SET reserved = c.reserved + s.total, updated_at = now()
  FROM (SELECT account_id, billee_type, billee_id, sum(credit_reserved) AS total FROM m WHERE credit_reserved IS NOT NULL GROUP BY 1, 2, 3) s
  WHERE c.account_id = s.account_id AND c.billee_type = s.billee_type AND c.billee_id = s.billee_id
), cl AS (
  INSERT INTO credit_ledger (account_id, billee_type, billee_id, message_id, kind, amount)
  SELECT m.account_id, m.billee_type, m.billee_id, m.id, 'reserve', -m.credit_reserved FROM m WHERE m.credit_reserved IS NOT NULL
), bt AS (
  -- The batch exists once one of its messages does; a retry that stores more adds them to it.
  INSERT INTO batches (id, account_id, total, atomic, webhook_url, idempotency_key)
  SELECT bi.id, bi.account_id, n.total, bi.atomic, bi.webhook_url, bi.idempotency_key
  FROM bi JOIN (SELECT batch_id, count(*)::int AS total FROM m WHERE batch_id IS NOT NULL GROUP BY batch_id) n ON n.batch_id = bi.id
  ON CONFLICT (id) DO UPDATE SET total = batches.total + excluded.total, completed_at = NULL
)
-- Numerics as text: through jsonb they would come back as numbers, trailing zeros lost.
SELECT i.id, to_jsonb(m) || jsonb_build_object('rate', m.rate::text, 'credit_reserved', m.credit_reserved::text) AS row,
  (b.id IS NOT NULL) AS blocked, (v.id IS NOT NULL) AS vetoed, coalesce(cr.refused, false) AS no_credit
FROM i LEFT JOIN m ON m.id = i.id LEFT JOIN b ON b.id = i.id LEFT JOIN v ON v.id = i.batch_id LEFT JOIN cr ON cr.id = i.id`;
