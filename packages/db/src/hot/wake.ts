import type { Db, MessageRow } from '../types.js';

/**
 * Queues the jobs for rows a statement just wrote that work is waiting on: webhook deliveries
 * (outbox rows) and reply handlers (replies due a handler). A wake-up only, never awaited.
 */
export interface OutboxWaker {
  wakeWebhooks(deliveryIds: readonly string[]): void;
  wakeReplyHandlers(replyIds: readonly string[]): void;
}

const wakers = new WeakMap<object, OutboxWaker[]>();

/**
 * Names who queues the jobs (webhook deliveries, reply handlers) for statements run on `db` (the process's queues, set once
 * where the process is composed). Every statement that writes an outbox row wakes it itself, so
 * no caller has to remember to: a status change and its webhook have one home, the data layer.
 * Returns the detach function (on close). With no waker the rows still wait in the table, and
 * the sweep queues whatever is pending.
 */
export function attachOutboxWaker(db: Db, waker: OutboxWaker): () => void {
  const list = wakers.get(db) ?? [];
  list.push(waker);
  wakers.set(db, list);
  return () => {
    const i = list.indexOf(waker);
    if (i >= 0) list.splice(i, 1);
  };
}

/**
 * Wakes the delivery of these outbox rows (null and repeated ids skipped). Only the most recent
 * waker is called: processes sharing one `Db` (the one-process demo, tests) share one queue
 * namespace, and a delivery woken twice is only queued once anyway.
 */
export function wakeOutbox(db: Db, ids: readonly (string | null | undefined)[]): void {
  const waker = wakers.get(db)?.at(-1);
  if (!waker) return;
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (unique.length === 0) return;
  try {
    waker.wakeWebhooks(unique);
  } catch {
    // Best effort by design: a pending row whose job never made it to Redis is the sweep's.
  }
}

/** Wakes the handler of a reply stored as due one (the sweep queues any it misses). */
export function wakeReplyHandler(db: Db, replyId: string): void {
  const waker = wakers.get(db)?.at(-1);
  if (!waker) return;
  try {
    waker.wakeReplyHandlers([replyId]);
  } catch {
    // As above: the sweep re-queues handlers still pending.
  }
}

/** The webhook ids a changed message carries: its status webhook and its batch's completion. */
export function outboxIdsOf(rows: readonly { webhookId?: string | null; batchWebhookId?: string | null }[]): (string | null | undefined)[] {
  return rows.flatMap((r) => [r.webhookId, r.batchWebhookId]);
}

/** Told of every status change made outside the hot path's statements (the rows as written). */
export type ChangeObserver = (rows: readonly ChangedRow[]) => void;
type ChangedRow = MessageRow;

const observers = new WeakMap<object, ChangeObserver[]>();

/**
 * Names who counts the status changes `transition` makes on `db` (cancels, the sweep's expiries
 * and releases, the reconciler, reports applied by the general path): the process's metrics, set
 * where the process is composed, as the outbox waker is. The hot path's statements are counted
 * where their results come back. Returns the detach function.
 */
export function attachChangeObserver(db: Db, observer: ChangeObserver): () => void {
  const list = observers.get(db) ?? [];
  list.push(observer);
  observers.set(db, list);
  return () => {
    const i = list.indexOf(observer);
    if (i >= 0) list.splice(i, 1);
  };
}

/** Tells the latest observer (processes sharing one `Db` share one registry of metrics). */
export function observeChanges(db: Db, rows: readonly ChangedRow[]): void {
  const observer = observers.get(db)?.at(-1);
  if (!observer || rows.length === 0) return;
  try {
    observer(rows);
  } catch {
    // Counting must never fail the change it counts.
  }
}
