import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CLAIMABLE, isAppError, sendDelayMs, type ErrorCode } from '@smsgw/core';
import { getMessagesByIdempotencyKeys, insertMessages, type MessageRow, type NewMessage } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { batchBodySchema, batchRejectedSchema, batchResultSchema, idempotencyHeaders, MAX_BATCH, type BatchItemResult } from '../../schemas/messages.js';
import { acceptDepsOf, optedOut, prepareMessage, requestHash } from '../../services/accept.js';
import { batchItemKey, idempotencyKeyOf } from '../../services/idempotency.js';
import { parseMessageInput } from '../../services/message-input.js';
import { messageView } from '../../views/messages.js';

type ItemError = { code: ErrorCode; message: string };

/**
 * Many messages in one request: each is validated on its own (a bad item is reported by index
 * and does not stop the others); the valid ones are stored in one transaction and queued in bulk.
 */
const batchMessagesRoute: FastifyPluginAsyncZod = async (app) => {
  const accept = acceptDepsOf(app);
  app.post(
    '/v1/messages/batch',
    {
      schema: {
        tags: ['messages'],
        summary: `Send up to ${MAX_BATCH} messages`,
        description: 'Each item is checked on its own: the answer has one result per item, a message or the error that refused it.',
        headers: idempotencyHeaders,
        body: batchBodySchema,
        response: {
          202: json(batchResultSchema, 'At least one item was accepted'),
          422: json(batchRejectedSchema, 'No item was valid (`batch_rejected`), with the reason of each'),
          ...errorResponses(400, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      const key = idempotencyKeyOf(request);
      const results: BatchItemResult[] = [];
      const valid: { index: number; row: NewMessage }[] = [];
      /** Items a retried batch may already have stored: answered with the stored message. */
      const repeats: { index: number; hash: string | null; error?: ItemError }[] = [];
      for (const [index, item] of request.body.messages.entries()) {
        const itemKey = key === undefined ? undefined : batchItemKey(key, index);
        let hash: string | null = null;
        try {
          const input = parseMessageInput(item);
          hash = requestHash(input);
          valid.push({ index, row: await prepareMessage(accept, accountId, input, itemKey) });
        } catch (err) {
          if (!isAppError(err)) throw err;
          const error: ItemError = { code: err.code, message: err.message };
          // With a key, the item may be a repeat of one stored before (and no longer valid): look first.
          if (itemKey === undefined) results.push({ index, error });
          else repeats.push({ index, hash, error });
        }
      }
      // One statement for the whole batch: rows, events and the opt-out check.
      const outcomes = await insertMessages(accept.db, valid.map((v) => v.row));
      const rows: MessageRow[] = [];
      outcomes.forEach((o, i) => {
        const v = valid[i];
        if (!v) return;
        if (o.kind === 'created') {
          rows.push(o.row);
          results.push({ index: v.index, message: messageView(o.row) });
        } else if (o.kind === 'duplicate') {
          repeats.push({ index: v.index, hash: v.row.requestHash ?? null });
        } else {
          const err = optedOut();
          results.push({ index: v.index, error: { code: err.code, message: err.message } });
        }
      });
      if (key !== undefined && repeats.length > 0) {
        const earlier = await getMessagesByIdempotencyKeys(accept.db, accountId, repeats.map((r) => batchItemKey(key, r.index)));
        for (const r of repeats) {
          const m = earlier.get(batchItemKey(key, r.index));
          if (!m) results.push({ index: r.index, error: r.error ?? { code: 'internal_error', message: 'The earlier message was not found' } });
          else if (m.requestHash !== r.hash) {
            results.push({ index: r.index, error: { code: 'idempotency_key_reused', message: 'This Idempotency-Key was used with a different item at this position' } });
          } else {
            // The first request may have died before queueing: a still-queued repeat is queued again (a no-op if its job exists).
            rows.push(m);
            results.push({ index: r.index, message: messageView(m) });
          }
        }
      }
      const now = Date.now();
      await accept.queues
        // Only rows still waiting need a job (a repeat may be long sent).
        .enqueueBulk('send', rows.flatMap((r) => (r.gateway && CLAIMABLE.has(r.status) ? [{ payload: { messageId: r.id }, opts: { gateway: r.gateway, delayMs: sendDelayMs(r, now) } }] : [])))
        .catch((err: unknown) => request.log.warn({ err }, 'batch enqueue failed; the sweep will re-enqueue'));
      results.sort((a, b) => a.index - b.index);
      const summary = { accepted: rows.length, rejected: results.length - rows.length, data: results };
      // Repeats of a retried batch count as accepted: they are the messages this request stands for.
      if (rows.length === 0) {
        return reply.status(422).send({ error: { code: 'batch_rejected', message: 'No message in the batch was valid' }, ...summary });
      }
      return reply.status(202).send(summary);
    },
  );
};

export default batchMessagesRoute;
