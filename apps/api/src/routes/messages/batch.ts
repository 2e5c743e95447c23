import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, isAppError } from '@smsgw/core';
import { getMessagesByIdempotencyKeys, insertMessages, type MessageRow, type NewMessage } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { optedOut, prepareMessage, requestHash, sendDelayMs, type AcceptDeps } from '../../services/accept.js';
import { batchItemKey, idempotencyKeyOf } from '../../services/idempotency.js';
import { describeIssues, messageInputSchema, parseMessageInput } from '../../services/message-input.js';
import { messageView } from '../../views.js';

const MAX_BATCH = 1000;
const body = z.object({ messages: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict();

type ItemResult = { index: number; message: ReturnType<typeof messageView> } | { index: number; error: { code: string; message: string } };

/**
 * Many messages in one request: each is validated on its own (a bad item is reported by index
 * and does not stop the others); the valid ones are stored in one transaction and queued in bulk.
 */
export function batchMessagesRoute(app: FastifyInstance, accept: AcceptDeps): void {
  app.post(
    '/v1/messages/batch',
    {
      schema: {
        tags: ['messages'],
        summary: `Send up to ${MAX_BATCH} messages`,
        body: { type: 'object', properties: { messages: { type: 'array', items: z.toJSONSchema(messageInputSchema, { io: 'input' }) } } },
      },
    },
    async (request, reply) => {
      const parsed = body.safeParse(request.body);
      if (!parsed.success) throw badRequest('invalid_request', describeIssues(parsed.error));
      const accountId = principalOf(request).accountId;
      const key = idempotencyKeyOf(request);
      const results: ItemResult[] = [];
      const valid: { index: number; row: NewMessage }[] = [];
      /** Items a retried batch may already have stored: answered with the stored message. */
      const repeats: { index: number; hash: string | null; error?: { code: string; message: string } }[] = [];
      for (const [index, item] of parsed.data.messages.entries()) {
        const itemKey = key === undefined ? undefined : batchItemKey(key, index);
        let hash: string | null = null;
        try {
          const input = parseMessageInput(item);
          hash = requestHash(input);
          valid.push({ index, row: await prepareMessage(accept, accountId, input, itemKey) });
        } catch (err) {
          if (!isAppError(err)) throw err;
          const error = { code: err.code, message: err.message };
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
        .enqueueSendBulk(rows.flatMap((r) => (r.gateway && (r.status === 'queued' || r.status === 'scheduled') ? [{ gateway: r.gateway, messageId: r.id, delayMs: sendDelayMs(r, now) }] : [])))
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
}
