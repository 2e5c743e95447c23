import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, isAppError } from '@smsgw/core';
import { insertMessages, type MessageRow, type NewMessage } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { optedOut, prepareMessage, sendDelayMs, type AcceptDeps } from '../../services/accept.js';
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
      const results: ItemResult[] = [];
      const valid: { index: number; row: NewMessage }[] = [];
      for (const [index, item] of parsed.data.messages.entries()) {
        try {
          valid.push({ index, row: await prepareMessage(accept, accountId, parseMessageInput(item), undefined) });
        } catch (err) {
          if (!isAppError(err)) throw err;
          results.push({ index, error: { code: err.code, message: err.message } });
        }
      }
      // One statement for the whole batch: rows, events and the opt-out check.
      const outcomes = await insertMessages(accept.db, valid.map((v) => v.row));
      const rows: MessageRow[] = [];
      outcomes.forEach((o, i) => {
        const index = valid[i]?.index ?? -1;
        if (o.kind === 'created') {
          rows.push(o.row);
          results.push({ index, message: messageView(o.row) });
        } else {
          const err = optedOut();
          results.push({ index, error: { code: err.code, message: err.message } });
        }
      });
      const now = Date.now();
      await accept.queues
        .enqueueSendBulk(rows.flatMap((r) => (r.gateway ? [{ gateway: r.gateway, messageId: r.id, delayMs: sendDelayMs(r, now) }] : [])))
        .catch((err: unknown) => request.log.warn({ err }, 'batch enqueue failed; the sweep will re-enqueue'));
      results.sort((a, b) => a.index - b.index);
      const summary = { accepted: rows.length, rejected: results.length - rows.length, data: results };
      if (rows.length === 0) {
        return reply.status(422).send({ error: { code: 'batch_rejected', message: 'No message in the batch was valid' }, ...summary });
      }
      return reply.status(202).send(summary);
    },
  );
}
