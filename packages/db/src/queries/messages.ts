import { and, asc, desc, eq, getTableColumns, inArray, lt, SQL, sql } from 'drizzle-orm';
import { MESSAGE_STATUSES, newId, type MessageStatus } from '@smsgw/core';
import type { Db } from '../client.js';
import { mapRow, rowsOf } from '../rows.js';
import { changedMessage, runAccept, type AcceptResult, type ChangedMessage, type NewBatch } from '../hot/index.js';
import { batchWebhookColumn, TERMINAL_SQL, terminalEffects } from '../hot/effects.js';
import { outboxInsert } from '../hot/outbox.js';
import { sqlRunner } from '../hot/runner.js';
import { CLAIM } from '../hot/statements.js';
import { preparedOnce } from '../prepared.js';
import { observeChanges, outboxIdsOf, wakeOutbox } from '../hot/wake.js';
import { messageEvents, messages } from '../schema/index.js';
import type { MessageEventRow, MessageRow, NewMessage } from '../types.js';

export type { MessageEventRow, MessageRow, NewMessage } from '../types.js';

export interface EventInput {
  type: string;
  detail?: Record<string, unknown>;
}

/** Column values for an UPDATE: plain values are encoded by the column, SQL is used as written. */
export type MessageSet = { [K in keyof NewMessage]?: NewMessage[K] | SQL };

const COLUMNS = getTableColumns(messages);

function setClause(set: MessageSet): SQL {
  const parts: SQL[] = [sql`updated_at = now()`];
  for (const [key, value] of Object.entries(set)) {
    const col = COLUMNS[key as keyof typeof COLUMNS];
    if (!col || value === undefined) continue;
    parts.push(sql`${sql.identifier(col.name)} = ${value instanceof SQL ? value : sql.param(value, col)}`);
  }
  return sql.join(parts, sql`, `);
}

/**
 * Moves a message from one of `from` to the values in `set`, appends the event and writes the
 * webhook outbox row (when the new status is one the application is told about), in ONE
 * statement: the status change, its history and its webhook can never disagree. Returns the
 * updated row with `webhookId` (queue its job as a wake-up), or undefined when the message was
 * not in `from` (someone else got there first) — the caller must then do nothing.
 */
export async function transition(
  db: Db,
  id: string,
  from: readonly MessageStatus[],
  set: MessageSet,
  event: EventInput,
  where?: SQL,
): Promise<ChangedMessage | undefined> {
  const [row] = await transitionMany(db, [id], from, set, event, where);
  return row;
}

/**
 * `transition` for many messages in one statement (a batch's cancel): each row that is still in
 * one of `from` moves, with its own event and webhook row; the others are left alone.
 */
export async function transitionMany(
  db: Db,
  ids: readonly string[],
  from: readonly MessageStatus[],
  set: MessageSet,
  event: EventInput,
  where?: SQL,
): Promise<ChangedMessage[]> {
  if (ids.length === 0) return [];
  const statuses = sql.join(
    from.map((s) => sql`${s}`),
    sql`, `,
  );
  const targets = JSON.stringify(ids.map((id) => ({ id, whk: newId('whk'), bwhk: newId('whk') })));
  const cond = sql`status IN (${statuses})${where ? sql` AND (${where})` : sql``}`;
  // The lock (in id order) reads the status each row leaves: a resend takes a message out of a
  // terminal status, and its batch must count that as well as the way in.
  const result = await db.execute(sql`
    WITH t AS (SELECT * FROM jsonb_to_recordset(${targets}::jsonb) AS t(id text, whk text, bwhk text)),
    o AS (
      SELECT messages.id AS oid, messages.status AS old_status, t.whk, t.bwhk FROM messages JOIN t ON t.id = messages.id
      WHERE ${cond} ORDER BY messages.id FOR UPDATE OF messages
    ), m AS (
      UPDATE messages SET ${setClause(set)}
      FROM o WHERE messages.id = o.oid AND ${cond}
      RETURNING messages.*, o.old_status, o.whk, o.bwhk
    ), e AS (
      INSERT INTO message_events (message_id, type, status, attempt, gateway, detail)
      SELECT m.id, ${event.type}, m.status, m.attempts, m.gateway, ${JSON.stringify(event.detail ?? {})}::jsonb FROM m
    ), w AS (${sql.raw(outboxInsert('m'))}),
    ${sql.raw(
      terminalEffects({
        from: 'm',
        entered: `(c.status IN ${TERMINAL_SQL} AND c.old_status NOT IN ${TERMINAL_SQL})`,
        left: `(c.status NOT IN ${TERMINAL_SQL} AND c.old_status IN ${TERMINAL_SQL})`,
      }),
    )}
    SELECT m.*, (SELECT w.id FROM w WHERE w.message_id = m.id) AS webhook_id, ${sql.raw(batchWebhookColumn('m'))} FROM m`);
  const changed = rowsOf(result).map(changedMessage);
  wakeOutbox(db, outboxIdsOf(changed));
  observeChanges(db, changed);
  return changed;
}

/**
 * The worker's claim (one message, ungrouped: the worker itself claims through the hot path's
 * group commit, the same statement). Only the caller that gets a row back in `sending` may send.
 */
export async function claimMessage(db: Db, id: string, gateway: string): Promise<ChangedMessage | undefined> {
  const [row] = await sqlRunner(db)(CLAIM, [JSON.stringify([{ id, gateway, whk: newId('whk'), bwhk: newId('whk') }])]);
  if (!row) return undefined;
  const changed = changedMessage(row);
  wakeOutbox(db, outboxIdsOf([changed]));
  return changed;
}

export interface InsertResult {
  row: MessageRow;
  /** False when the idempotency key was seen before: `row` is the earlier message. */
  created: boolean;
}

/** Inserts a message and its first event; an idempotency-key repeat returns the first message. */
export async function insertMessage(db: Db, values: NewMessage): Promise<InsertResult> {
  const [row] = await insertWithEvents(db, [values]);
  if (row) return { row, created: true };
  if (!values.idempotencyKey) throw new Error('message insert conflicted without an idempotency key');
  // Only an idempotency-key repeat conflicts: the first message is the answer.
  const [existing] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.accountId, values.accountId), eq(messages.idempotencyKey, values.idempotencyKey)));
  if (!existing) throw new Error('idempotency conflict but no existing message');
  return { row: existing, created: false };
}

/**
 * Inserts messages and their `accepted` events in ONE statement (a CTE), so accepting a message
 * costs one round trip and the row never exists without its first event. Rows whose
 * idempotency key was used before are skipped (ON CONFLICT DO NOTHING) and not returned.
 */
async function insertWithEvents(db: Db, values: NewMessage[]): Promise<MessageRow[]> {
  const insert = db.insert(messages).values(values).onConflictDoNothing().returning();
  const result = await db.execute(sql`
    WITH m AS (${insert.getSQL()}), e AS (
      INSERT INTO message_events (message_id, type, status, gateway, detail)
      SELECT m.id, 'accepted', m.status, m.gateway, jsonb_build_object('segments', m.segments, 'encoding', m.encoding) FROM m
    )
    SELECT * FROM m`);
  return rowsOf(result).map((r) => mapRow(messages, r));
}

/**
 * Inserts many messages (a batch) with their first events and the opt-out check, in one
 * statement; one result per input, in order.
 */
export async function insertMessages(db: Db, values: NewMessage[], batches: readonly NewBatch[] = []): Promise<AcceptResult[]> {
  if (values.length === 0) return [];
  return runAccept(sqlRunner(db), values, batches);
}

/** The message an account first sent with this Idempotency-Key, if any. */
export async function getMessageByIdempotencyKey(db: Db, accountId: string, key: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.idempotencyKey, key)));
  return row;
}

/** Messages an account sent with any of these Idempotency-Keys, by key (a retried batch). */
export async function getMessagesByIdempotencyKeys(db: Db, accountId: string, keys: string[]): Promise<Map<string, MessageRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.accountId, accountId), inArray(messages.idempotencyKey, keys)));
  return new Map(rows.flatMap((r) => (r.idempotencyKey === null ? [] : [[r.idempotencyKey, r] as const])));
}

/** A message of this account, or undefined (another account's message is "not found"). */
export async function getMessage(db: Db, accountId: string, id: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.id, id), eq(messages.accountId, accountId)));
  return row;
}

// Prepared (parsed once per connection, built once per handle): report handling reads a message by id several times a report.
const messageById = preparedOnce((db) =>
  db
    .select()
    .from(messages)
    .where(eq(messages.id, sql.placeholder('id')))
    .prepare('get_message_by_id'),
);

/** A message by id alone: for workers, which act on ids they were given. */
export async function getMessageById(db: Db, id: string): Promise<MessageRow | undefined> {
  const [row] = await messageById(db).execute({ id });
  return row;
}

export async function listEvents(db: Db, messageId: string): Promise<MessageEventRow[]> {
  return db.select().from(messageEvents).where(eq(messageEvents.messageId, messageId)).orderBy(asc(messageEvents.id));
}

export async function appendEvent(
  db: Db,
  messageId: string,
  event: EventInput & { status?: MessageStatus | null; attempt?: number | null; gateway?: string | null },
): Promise<void> {
  await db.insert(messageEvents).values({
    messageId,
    type: event.type,
    status: event.status ?? null,
    attempt: event.attempt ?? null,
    gateway: event.gateway ?? null,
    detail: event.detail ?? {},
  });
}

export interface MessageFilter {
  status?: MessageStatus | undefined;
  to?: string | undefined;
  billeeType?: string | undefined;
  billeeId?: string | undefined;
  batchId?: string | undefined;
  billed?: boolean | undefined;
  gateway?: string | undefined;
  /** Return messages older than this id (ids are time-ordered). */
  before?: string | undefined;
  limit: number;
}

/** A status as an SQL literal, from core's closed list only. */
function statusLiteral(status: MessageStatus): string {
  if (!MESSAGE_STATUSES.includes(status)) throw new Error(`unknown message status ${String(status)}`);
  return `'${status}'`;
}

/** Newest first, cursor = the last id of the previous page. */
export async function listMessages(db: Db, accountId: string, f: MessageFilter): Promise<MessageRow[]> {
  const conds = [eq(messages.accountId, accountId)];
  // A literal, so that even a generic plan can match the partial status and in-flight indexes.
  if (f.status) conds.push(sql`${messages.status} = ${sql.raw(statusLiteral(f.status))}`);
  if (f.to) conds.push(eq(messages.to, f.to));
  if (f.billeeType) conds.push(eq(messages.billeeType, f.billeeType));
  if (f.billeeId) conds.push(eq(messages.billeeId, f.billeeId));
  if (f.batchId) conds.push(eq(messages.batchId, f.batchId));
  if (f.billed !== undefined) conds.push(eq(messages.billed, f.billed));
  if (f.gateway) conds.push(eq(messages.gateway, f.gateway));
  if (f.before) conds.push(lt(messages.id, f.before));
  return db
    .select()
    .from(messages)
    .where(and(...conds))
    .orderBy(desc(messages.id))
    .limit(f.limit);
}

/** Rows in the given statuses not touched since `olderThan`: the maintenance sweep's input. */
export async function staleMessages(
  db: Db,
  statuses: readonly MessageStatus[],
  olderThan: Date,
  limit: number,
): Promise<Pick<MessageRow, 'id' | 'gateway' | 'status' | 'sendAt' | 'claimToken'>[]> {
  return db
    .select({
      id: messages.id,
      gateway: messages.gateway,
      status: messages.status,
      sendAt: messages.sendAt,
      claimToken: messages.claimToken,
    })
    .from(messages)
    .where(and(inArray(messages.status, [...statuses]), lt(messages.updatedAt, olderThan)))
    .orderBy(asc(messages.updatedAt))
    .limit(limit);
}
