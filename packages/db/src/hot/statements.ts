import { CLAIMABLE, SCHEDULED_CLAIM_LEAD_MS, type MessageStatus } from '@smsgw/core';
import { batchWebhookColumn, TERMINAL_SQL, terminalEffects } from './effects.js';
import { OPTED_OUT } from './accept-sql.js';
import { outboxInsert } from './outbox.js';

/**
 * The hot path's statements, constant text so each is prepared once per connection. Every one
 * takes its rows as ONE jsonb array parameter ($1, unpacked by jsonb_to_recordset): one shape for
 * a group of one or of a hundred, the same on postgres.js and PGlite, and no array-typing games.
 * Each statement that moves a message also writes its event and its webhook outbox row.
 */

export { ACCEPT } from './accept-sql.js';

/** A status of core's CLAIMABLE as SQL; a scheduled message only once its time (less the lead) has come. */
const claimableWhen = (status: MessageStatus): string =>
  status === 'scheduled'
    ? `(m.status = 'scheduled' AND m.send_at <= now() + interval '${SCHEDULED_CLAIM_LEAD_MS / 1000} seconds')`
    : `m.status = '${status}'`;

// Built once at load from core's list, so the statement text stays constant (prepared once).
const CLAIMABLE_SQL = `(${[...CLAIMABLE].map(claimableWhen).join(' OR ')})`;

/**
 * The workers' claim: `queued` (or `scheduled` whose time has come) → `sending`, attempts + 1,
 * only on the gateway the job is for. A recipient who opted out since the message was accepted
 * is caught here instead: the message fails with `recipient_opted_out` and nothing is sent.
 */
export const CLAIM = `
WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(id text, gateway text, token text, whk text, bwhk text)),
c AS (
  SELECT m.id, i.token, i.whk, i.bwhk, ${OPTED_OUT('m')} AS blocked
  FROM i JOIN messages m ON m.id = i.id AND m.gateway = i.gateway
  WHERE ${CLAIMABLE_SQL}
), m AS (
  UPDATE messages m SET
    status = CASE WHEN c.blocked THEN 'failed' ELSE 'sending' END,
    attempts = CASE WHEN c.blocked THEN m.attempts ELSE m.attempts + 1 END,
    claim_token = CASE WHEN c.blocked THEN m.claim_token ELSE c.token END,
    status_message = CASE WHEN c.blocked THEN 'recipient_opted_out: the recipient replied STOP' ELSE m.status_message END,
    updated_at = now()
  FROM c WHERE m.id = c.id AND ${CLAIMABLE_SQL}
  RETURNING m.*, c.whk, c.bwhk
), e AS (
  INSERT INTO message_events (message_id, type, status, attempt, gateway, detail)
  SELECT id, CASE WHEN status = 'failed' THEN 'failed' ELSE 'sending' END, status, attempts, gateway,
         CASE WHEN status = 'failed' THEN '{"error":"recipient_opted_out"}'::jsonb ELSE jsonb_build_object('gateway', gateway) END
  FROM m
), w AS (${outboxInsert('m')}),
${terminalEffects({ from: 'm', entered: `c.status IN ${TERMINAL_SQL}` })}
SELECT m.*, (SELECT w.id FROM w WHERE w.message_id = m.id) AS webhook_id, ${batchWebhookColumn('m')} FROM m`;

/**
 * A send's outcome: `sending` → sent / unknown / failed / expired / queued (retry, throttle,
 * failover). `has_pending` says a delivery report arrived before this outcome was stored (it is
 * parked or unmatched) and must be applied now.
 */
export const FINISH = `
WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(
  id text, status text, set_message boolean, status_message text, gwid text, set_sent boolean,
  gateway text, route_index int, attempts int, claim_attempts int, ev_type text, ev_detail jsonb, whk text, bwhk text)),
m AS (
  UPDATE messages m SET
    status = i.status,
    status_message = CASE WHEN i.set_message THEN i.status_message ELSE m.status_message END,
    gateway_message_id = coalesce(i.gwid, m.gateway_message_id),
    sent_at = CASE WHEN i.set_sent THEN now() ELSE m.sent_at END,
    gateway = coalesce(i.gateway, m.gateway),
    route_index = coalesce(i.route_index, m.route_index),
    attempts = coalesce(i.attempts, m.attempts),
    updated_at = now()
  -- A definite answer still counts after the sweep took a slow send for lost (\`unknown\`).
  FROM i WHERE m.id = i.id AND (m.status = 'sending' OR (m.status = 'unknown' AND i.status IN ('sent', 'failed')))
    AND (i.claim_attempts IS NULL OR m.attempts = i.claim_attempts)
  RETURNING m.*, i.whk, i.ev_type, i.ev_detail, i.bwhk
), e AS (
  INSERT INTO message_events (message_id, type, status, attempt, gateway, detail)
  SELECT id, ev_type, status, attempts, gateway, ev_detail FROM m
), w AS (${outboxInsert('m')}),
${terminalEffects({ from: 'm', entered: `c.status IN ${TERMINAL_SQL}` })}
SELECT m.*, (SELECT w.id FROM w WHERE w.message_id = m.id) AS webhook_id, ${batchWebhookColumn('m')},
  (m.status IN ('sent', 'unknown') AND EXISTS (
    SELECT 1 FROM status_reports r WHERE r.state IN ('unmatched', 'parked')
      AND (r.message_id = m.id OR (r.gateway = m.gateway AND r.gateway_message_id = m.gateway_message_id)))) AS has_pending
FROM m`;

/**
 * Delivery reports that match a message by the gateway's id (the common case), in one
 * statement: the report row, the forward-only status change, its event and its webhook.
 * `decisions` maps each message status to what this report does to it (decideReport in core,
 * evaluated for every status by the caller, so the rule keeps one home). Reports that match no
 * message by gateway id come back without a row and take the general path. `rid`: a report
 * already stored and taken (`applying`, a parked one whose send is now stored) is decided again
 * and its row updated, not a new one inserted.
 */
export const REPORT = `
WITH i AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(
  ord int, gateway text, gwid text, status text, provider_status text, error_code text, reported_at timestamptz,
  charge numeric, currency text, part_index int, part_count int, raw jsonb, decisions jsonb, status_message text,
  detail jsonb, whk text, bwhk text, ref text, rid bigint)),
k AS (
  -- A stored report is decided again only while its caller holds it (\`applying\`).
  SELECT * FROM i WHERE i.rid IS NULL OR EXISTS (SELECT 1 FROM status_reports t WHERE t.id = i.rid AND t.state = 'applying')
), f AS (
  SELECT i.ord, m.id AS message_id, m.status AS cur, i.decisions ->> m.status AS decision
  FROM k i JOIN messages m ON m.gateway = i.gateway AND m.gateway_message_id = i.gwid
  UNION ALL
  -- A report that crossed its send's answer: the gateway's id is not stored yet, but the provider
  -- echoed our reference. Only a message still \`sending\` (through this gateway) is matched so:
  -- its decision (park or record) does not depend on earlier attempts; anything else by reference
  -- is left to the general path.
  SELECT i.ord, m.id, m.status, i.decisions ->> m.status
  FROM k i JOIN messages m ON m.id = i.ref
  WHERE m.status = 'sending' AND i.gateway = ANY(m.route_gateways)
    AND NOT EXISTS (SELECT 1 FROM messages g WHERE g.gateway = i.gateway AND g.gateway_message_id = i.gwid)
), u AS (
  UPDATE messages m SET
    status = substr(f.decision, 7),
    delivered_at = CASE WHEN f.decision = 'apply:delivered' THEN coalesce(i.reported_at, now()) ELSE m.delivered_at END,
    status_message = CASE WHEN f.decision = 'apply:delivered' THEN m.status_message ELSE i.status_message END,
    gateway_charge = coalesce(i.charge, m.gateway_charge),
    charge_currency = CASE WHEN i.charge IS NOT NULL AND i.currency IS NOT NULL THEN i.currency ELSE m.charge_currency END,
    updated_at = now()
  FROM f JOIN i ON i.ord = f.ord
  WHERE m.id = f.message_id AND m.status = f.cur AND f.decision LIKE 'apply:%'
  RETURNING m.*, i.whk, i.detail, f.ord, i.bwhk
), s AS (
  SELECT f.ord, f.message_id, CASE
    WHEN u.id IS NOT NULL THEN 'applied'
    WHEN f.decision LIKE 'apply:%' THEN 'applying'
    WHEN f.decision = 'park' THEN 'parked'
    WHEN f.decision = 'record' THEN 'recorded'
    ELSE 'ignored' END AS state
  FROM f LEFT JOIN u ON u.ord = f.ord
), n AS (
  INSERT INTO status_reports (gateway, gateway_message_id, message_id, status, provider_status, error_code,
    reported_at, charge, part_index, part_count, state, raw)
  SELECT i.gateway, i.gwid, s.message_id, i.status, i.provider_status, i.error_code, i.reported_at, i.charge,
    i.part_index, i.part_count, s.state, i.raw
  FROM s JOIN i ON i.ord = s.ord WHERE i.rid IS NULL
  RETURNING id, gateway, gateway_message_id
), o AS (
  -- A report stored earlier (parked, then taken by its caller: \`applying\`) gets its verdict instead.
  UPDATE status_reports t SET state = s.state, message_id = s.message_id
  FROM s JOIN i ON i.ord = s.ord WHERE t.id = i.rid AND t.state = 'applying'
  RETURNING t.id, t.gateway, t.gateway_message_id
), r AS (SELECT * FROM n UNION ALL SELECT * FROM o), e AS (
  INSERT INTO message_events (message_id, type, status, attempt, gateway, detail)
  SELECT u.id, 'report', u.status, u.attempts, u.gateway, u.detail FROM u
  UNION ALL
  SELECT s.message_id, 'report', NULL, NULL, i.gateway, i.detail FROM s JOIN i ON i.ord = s.ord WHERE s.state = 'recorded'
), w AS (${outboxInsert('u')}),
${terminalEffects({ from: 'u', entered: `c.status IN ${TERMINAL_SQL}` })}
SELECT s.ord, s.message_id, s.state, r.id AS report_id, (SELECT w.id FROM w WHERE w.message_id = s.message_id) AS webhook_id,
  (SELECT bw.id FROM bw JOIN u ON u.batch_id = bw.batch_id WHERE u.id = s.message_id) AS batch_webhook_id,
  (SELECT u.status FROM u WHERE u.id = s.message_id) AS applied_status, (SELECT extract(epoch FROM now() - u.sent_at)::float8 FROM u WHERE u.id = s.message_id) AS sent_age_s
FROM s JOIN i ON i.ord = s.ord JOIN r ON r.gateway = i.gateway AND r.gateway_message_id = i.gwid`;
