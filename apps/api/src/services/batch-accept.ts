import { createHash } from 'node:crypto';
import { CLAIMABLE, isAppError, newId, sendDelayMs, type ErrorCode } from '@smsgw/core';
import { getMessagesByIdempotencyKeys, insertMessages, type MessageRow, type NewBatch, type NewMessage } from '@smsgw/db';
import { observeStatusChange } from '@smsgw/metrics';
import type { FastifyBaseLogger } from 'fastify';
import type { BatchBody, BatchItemResult } from '../schemas/messages.js';
import { messageView } from '../views/messages.js';
import { noCredit, optedOut, prepareMessage, requestHash, type AcceptDeps } from './accept.js';
import { batchItemKey } from './idempotency.js';
import { parseMessageInput } from './message-input.js';
import { assertWebhookUrl } from './webhooks.js';

type ItemError = { code: ErrorCode; message: string };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The batch's id: a new time-ordered one, or, with an Idempotency-Key, one derived from the
 * account and the key, so a retried request names the same batch without a lookup (the accept
 * stays one statement).
 */
export function batchIdFor(accountId: string, key: string | undefined): string {
  if (key === undefined) return newId('bat');
  const digest = createHash('sha256').update(`${accountId}\u0000${key}`).digest();
  let out = '';
  for (let i = 0; i < 26; i++) out += CROCKFORD[(digest[i] ?? 0) % 32];
  return `bat_${out}`;
}

export interface BatchOutcome {
  /** 202 when anything was stored (or repeated), 422 when nothing was. */
  status: 202 | 422;
  batchId: string | null;
  accepted: number;
  rejected: number;
  data: BatchItemResult[];
  /** Why nothing was stored (422). */
  error?: ItemError;
}

/** Items a retried batch may already have stored: answered with the stored message. */
interface Repeat {
  index: number;
  hash: string | null;
  error?: ItemError;
}

const notStored: ItemError = { code: 'batch_rejected', message: 'Not stored: another item of this atomic batch was refused' };

/**
 * Validates every item on its own, stores the valid ones with their batch in ONE statement (rows,
 * events, opt-out check, batch row) and queues them in bulk. `atomic`: any refused item refuses
 * them all, nothing stored; the answer still gives each item's reason.
 */
export async function acceptBatch(
  deps: AcceptDeps,
  accountId: string,
  body: BatchBody,
  key: string | undefined,
  log: FastifyBaseLogger,
): Promise<BatchOutcome> {
  if (body.webhookUrl !== undefined) {
    try {
      await assertWebhookUrl(body.webhookUrl, deps.config.allowPrivateWebhooks);
    } catch (err) {
      // The route's 422 is the batch's shape: the refusal of the batch's own URL is told in it.
      if (!isAppError(err)) throw err;
      return {
        status: 422,
        batchId: null,
        accepted: 0,
        rejected: body.messages.length,
        data: [],
        error: { code: err.code, message: err.message },
      };
    }
  }
  const atomic = body.atomic === true;
  const batch: NewBatch = {
    id: batchIdFor(accountId, key),
    accountId,
    atomic,
    webhookUrl: body.webhookUrl ?? null,
    idempotencyKey: key ?? null,
  };
  const results: BatchItemResult[] = [];
  const valid: { index: number; row: NewMessage }[] = [];
  const repeats: Repeat[] = [];
  for (const [index, item] of body.messages.entries()) {
    const itemKey = key === undefined ? undefined : batchItemKey(key, index);
    let hash: string | null = null;
    try {
      const input = parseMessageInput(item);
      hash = requestHash(input);
      const row = await prepareMessage(deps, accountId, input, itemKey);
      valid.push({ index, row: { ...row, batchId: batch.id } });
    } catch (err) {
      if (!isAppError(err)) throw err;
      const error: ItemError = { code: err.code, message: err.message };
      // With a key, the item may be a repeat of one stored before (and no longer valid): look first.
      if (itemKey === undefined) results.push({ index, error });
      else repeats.push({ index, hash, error });
    }
  }
  const rows: MessageRow[] = [];
  if (atomic) {
    // A refused item that is not the repeat of a stored one refuses the batch before anything is written.
    const resolved = await resolveRepeats(deps, accountId, key, repeats, rows);
    const refused = [...results, ...resolved.filter((r) => 'error' in r)];
    if (refused.length > 0) return rejectedAll(refused, valid, resolved);
    results.push(...resolved);
    repeats.length = 0;
  }
  const outcomes = await insertMessages(
    deps.db,
    valid.map((v) => v.row),
    [batch],
  );
  let vetoed = false;
  outcomes.forEach((o, i) => {
    const v = valid[i];
    if (!v) return;
    if (o.kind === 'created') {
      if (deps.metrics) observeStatusChange(deps.metrics, o.row);
      rows.push(o.row);
      results.push({ index: v.index, message: messageView(o.row) });
    } else if (o.kind === 'duplicate') {
      repeats.push({ index: v.index, hash: v.row.requestHash ?? null });
    } else if (o.kind === 'vetoed') {
      vetoed = true;
      results.push({ index: v.index, error: notStored });
    } else {
      const err = o.kind === 'no_credit' ? noCredit() : optedOut();
      results.push({ index: v.index, error: { code: err.code, message: err.message } });
    }
  });
  if (vetoed) {
    results.push(...repeats.map((r) => ({ index: r.index, error: notStored })));
    return rejected(results, 'An item of this atomic batch was refused; nothing was stored');
  }
  results.push(...(await resolveRepeats(deps, accountId, key, repeats, rows)));
  await enqueueAll(deps, rows, log);
  results.sort((a, b) => a.index - b.index);
  // Repeats of a retried batch count as accepted: they are the messages this request stands for.
  if (rows.length === 0) return rejected(results, 'No message in the batch was valid');
  const batchId = rows.find((r) => r.batchId !== null)?.batchId ?? batch.id;
  return { status: 202, batchId, accepted: rows.length, rejected: results.length - rows.length, data: results };
}

function rejected(results: BatchItemResult[], message: string): BatchOutcome {
  results.sort((a, b) => a.index - b.index);
  return { status: 422, batchId: null, accepted: 0, rejected: results.length, data: results, error: { code: 'batch_rejected', message } };
}

/** An atomic batch refused before the statement: each refused item's reason, the rest not stored. */
function rejectedAll(refused: BatchItemResult[], valid: { index: number }[], repeated: BatchItemResult[]): BatchOutcome {
  const rest = [
    ...valid.map((v) => ({ index: v.index, error: notStored })),
    ...repeated.filter((r) => !('error' in r)).map((r) => ({ index: r.index, error: notStored })),
  ];
  return rejected([...refused, ...rest], 'An item of this atomic batch was refused; nothing was stored');
}

/** Answers each possible repeat with the message stored for it before (its row joins `rows`), or its error. */
async function resolveRepeats(
  deps: AcceptDeps,
  accountId: string,
  key: string | undefined,
  repeats: readonly Repeat[],
  rows: MessageRow[],
): Promise<BatchItemResult[]> {
  if (key === undefined || repeats.length === 0) return [];
  const earlier = await getMessagesByIdempotencyKeys(
    deps.db,
    accountId,
    repeats.map((r) => batchItemKey(key, r.index)),
  );
  return repeats.map((r): BatchItemResult => {
    const m = earlier.get(batchItemKey(key, r.index));
    if (!m) return { index: r.index, error: r.error ?? { code: 'internal_error', message: 'The earlier message was not found' } };
    if (m.requestHash !== r.hash) {
      return {
        index: r.index,
        error: { code: 'idempotency_key_reused', message: 'This Idempotency-Key was used with a different item at this position' },
      };
    }
    // The first request may have died before queueing: a still-queued repeat is queued again (a no-op if its job exists).
    rows.push(m);
    return { index: r.index, message: messageView(m) };
  });
}

async function enqueueAll(deps: AcceptDeps, rows: readonly MessageRow[], log: FastifyBaseLogger): Promise<void> {
  const now = Date.now();
  // Only rows still waiting need a job (a repeat may be long sent).
  const jobs = rows.flatMap((r) =>
    r.gateway && CLAIMABLE.has(r.status)
      ? [{ payload: { messageId: r.id }, opts: { gateway: r.gateway, delayMs: sendDelayMs(r, now) } }]
      : [],
  );
  await deps.queues.enqueueBulk('send', jobs).catch((err: unknown) => log.warn({ err }, 'batch enqueue failed; the sweep will re-enqueue'));
}
