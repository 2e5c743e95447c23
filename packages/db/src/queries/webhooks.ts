import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { newId, replyWebhookPayload, type MessageReplyPayload } from '@smsgw/core';
import type { Db } from '../client.js';
import { rowsOf } from '../rows.js';
import { accounts, webhookDeliveries } from '../schema/index.js';
import { generateWebhookSecret } from './accounts.js';
import { outboxInsert } from '../hot/outbox.js';
import { sqlRunner } from '../hot/runner.js';
import type { MessageRow, ReplyRow } from '../types.js';

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookState = 'pending' | 'retrying' | 'delivered' | 'failed';

/** The one thing the webhook functions need of the queues (structural, so db needs no queue package). */
export interface WebhookEnqueuer {
  enqueueWebhook(deliveryId: string): Promise<void>;
}

interface NewDelivery {
  accountId: string;
  messageId: string | null;
  replyId: string | null;
  /** The message's own webhook URL; the account's default is used when null. */
  url: string | null;
  payload: MessageReplyPayload;
}

/**
 * Stores a delivery for the message's URL or else the account's default, in one statement (it
 * runs on every status change); returns its id, or undefined when neither URL is set.
 */
async function insertDelivery(db: Db, d: NewDelivery): Promise<string | undefined> {
  const id = newId('whk');
  const payload = JSON.stringify(d.payload);
  const result = await db.execute(sql`
    INSERT INTO webhook_deliveries (id, account_id, message_id, reply_id, url, event_type, payload)
    SELECT ${id}, a.id, ${d.messageId}, ${d.replyId}, coalesce(${d.url}::text, a.webhook_url), ${d.payload.type}, ${payload}::jsonb
    FROM accounts a
    WHERE a.id = ${d.accountId} AND coalesce(${d.url}::text, a.webhook_url) IS NOT NULL
    RETURNING id`);
  const [row] = rowsOf(result);
  return row ? String(row['id']) : undefined;
}

/**
 * Records a `message.status` webhook for the message as it is stored now, through the same
 * outbox statement the status changes use, and queues its delivery. For a status change that
 * did not come through a hot-path statement (tests, repairs).
 */
export async function enqueueStatusWebhook(db: Db, queues: WebhookEnqueuer, message: MessageRow): Promise<string | undefined> {
  const [row] = await sqlRunner(db)(
    `WITH c AS (SELECT m.*, $2::text AS whk FROM messages m WHERE m.id = $1), w AS (${outboxInsert('c')}) SELECT id FROM w`,
    [message.id, newId('whk')],
  );
  const id = row ? String(row['id']) : undefined;
  if (id) await queues.enqueueWebhook(id);
  return id;
}

/** Records a `message.reply` webhook (the reply and the message it answers) and queues it. */
export async function enqueueReplyWebhook(
  db: Db,
  queues: WebhookEnqueuer,
  reply: ReplyRow,
  message: MessageRow | undefined,
): Promise<string | undefined> {
  const accountId = message?.accountId ?? reply.accountId;
  if (!accountId) return undefined;
  const id = await insertDelivery(db, {
    accountId,
    messageId: message?.id ?? null,
    replyId: reply.id,
    url: message?.webhookUrl ?? null,
    payload: replyWebhookPayload(reply, message),
  });
  if (id) await queues.enqueueWebhook(id);
  return id;
}

/** A delivery with the secret it is signed with (the account's). */
export async function getWebhookDelivery(db: Db, id: string): Promise<{ delivery: WebhookDeliveryRow; secret: string } | undefined> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, secret: accounts.webhookSecret })
    .from(webhookDeliveries)
    .innerJoin(accounts, eq(accounts.id, webhookDeliveries.accountId))
    .where(eq(webhookDeliveries.id, id));
  return row;
}

export interface WebhookAttempt {
  state: Exclude<WebhookState, 'pending'>;
  statusCode: number | undefined;
  error: string | undefined;
}

/** Counts one delivery attempt and what came of it. */
export async function recordWebhookAttempt(db: Db, id: string, a: WebhookAttempt): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      state: a.state,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: a.statusCode ?? null,
      lastError: a.error ?? null,
      ...(a.state === 'delivered' ? { deliveredAt: new Date() } : {}),
    })
    .where(eq(webhookDeliveries.id, id));
}

export interface DeliveryFilter {
  messageId?: string | undefined;
  state?: WebhookState | undefined;
  before?: string | undefined;
  limit: number;
}

/** An account's webhook deliveries, newest first. */
export async function listWebhookDeliveries(db: Db, accountId: string, f: DeliveryFilter): Promise<WebhookDeliveryRow[]> {
  const conds = [eq(webhookDeliveries.accountId, accountId)];
  if (f.messageId) conds.push(eq(webhookDeliveries.messageId, f.messageId));
  // A literal, not a parameter: a generic plan cannot match `state = $1` to the pending index.
  if (f.state) conds.push(sql`${webhookDeliveries.state} = ${sql.raw(stateLiteral(f.state))}`);
  if (f.before) conds.push(lt(webhookDeliveries.id, f.before));
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...conds))
    .orderBy(desc(webhookDeliveries.id))
    .limit(f.limit);
}

/** Sets the account's default webhook URL (null removes it) and/or gives it a new signing secret. */
export async function updateAccountWebhook(db: Db, accountId: string, change: { webhookUrl?: string | null; rotateSecret?: boolean }) {
  const set: Partial<typeof accounts.$inferInsert> = {};
  if (change.webhookUrl !== undefined) set.webhookUrl = change.webhookUrl;
  if (change.rotateSecret) set.webhookSecret = generateWebhookSecret();
  if (Object.keys(set).length === 0) {
    const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    return row;
  }
  const [row] = await db.update(accounts).set(set).where(eq(accounts.id, accountId)).returning();
  return row;
}

const STATES: readonly WebhookState[] = ['pending', 'retrying', 'delivered', 'failed'];

/** A state as an SQL literal, from the closed list only (never text from a request as such). */
function stateLiteral(state: WebhookState): string {
  if (!STATES.includes(state)) throw new Error(`unknown webhook state ${String(state)}`);
  return `'${state}'`;
}

/**
 * Deliveries still pending since before `olderThan`, oldest first (ids are time-ordered): the
 * sweep checks their jobs still exist. It walks `webhook_deliveries_pending_idx` in id order and
 * so reads only the pending set, which a row leaves at its first attempt. 'pending' is a literal:
 * postgres.js prepares statements, and a generic plan for `state = $1` cannot use the partial
 * index (a sequential scan and a sort on every sweep).
 */
export async function stalePendingDeliveries(db: Db, olderThan: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(sql`${webhookDeliveries.state} = 'pending'`, lt(webhookDeliveries.createdAt, olderThan)))
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Marks a delivery that the slow lane took over before its first attempt as waiting for a try:
 * a `pending` row whose main-lane job is gone looks lost to the sweep, which would queue it on
 * the main lane again. Only a pending row changes; attempts and errors stay as they are.
 */
export async function markWebhookDeferred(db: Db, id: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ state: 'retrying' })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.state, 'pending')));
}
