import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, conflict, GATEWAY_NAME_RE, normalizePhone, notFound, unprocessable } from '@smsgw/core';
import { assignSenderNumber, getAccount, getGateway, getSenderNumber, listSenderNumbers, removeSenderNumber, type SenderNumberRow } from '@smsgw/db';
import { parseBody } from '../services/gateway-admin.js';
import { describeIssues } from '../services/message-input.js';

const createBody = z
  .object({
    number: z.string().min(1).max(64),
    accountId: z.string().min(1).max(64),
    gateway: z.string().regex(GATEWAY_NAME_RE).nullable().optional(),
  })
  .strict();
const listQuery = z
  .object({
    accountId: z.string().min(1).max(64).optional(),
    cursor: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

function senderNumberView(r: SenderNumberRow) {
  return { number: r.number, accountId: r.accountId, gateway: r.gateway, createdAt: r.createdAt.toISOString() };
}

/**
 * Sender numbers (admin keys): a number an account owns. A reply to it belongs to that account
 * whatever other accounts sent to the same phone; without one, a reply whose phone several
 * accounts wrote to is kept unmatched (see findReplyMatch).
 */
export function senderNumberRoutes(app: FastifyInstance): void {
  const admin = { admin: true };
  // Stored in E.164, so a number typed any way finds its owner (replies are normalised the same way).
  const e164 = (value: string): string => {
    const n = normalizePhone(value, app.deps.config.defaultCountry);
    if (!n.ok) throw badRequest('invalid_request', `number: ${n.reason}`);
    return n.e164;
  };

  app.get('/v1/sender-numbers', { config: admin, schema: { tags: ['sender-numbers'], summary: 'List sender numbers, in number order' } }, async (request) => {
    const q = listQuery.safeParse(request.query);
    if (!q.success) throw badRequest('invalid_request', describeIssues(q.error));
    const rows = await listSenderNumbers(app.deps.db, { accountId: q.data.accountId, after: q.data.cursor, limit: q.data.limit });
    const last = rows.at(-1);
    return { data: rows.map(senderNumberView), nextCursor: rows.length === q.data.limit && last ? last.number : null };
  });

  app.post(
    '/v1/sender-numbers',
    {
      config: admin,
      schema: {
        tags: ['sender-numbers'],
        summary: 'Give a number to an account',
        description:
          '`gateway` limits the ownership to replies through that gateway. Assigning a number the account owns again updates ' +
          'its gateway (200); a number another account owns is a 409 (remove it first).',
        body: z.toJSONSchema(createBody, { io: 'input' }),
      },
    },
    async (request, reply) => {
      const input = parseBody(createBody, request.body);
      const number = e164(input.number);
      const gateway = input.gateway ?? null;
      if (!(await getAccount(app.deps.db, input.accountId))) throw unprocessable('unknown_account', `No account ${input.accountId}`);
      if (gateway && !(await getGateway(app.deps.db, gateway))) throw unprocessable('unknown_gateway', `No gateway named ${gateway}`);
      const result = await assignSenderNumber(app.deps.db, { number, accountId: input.accountId, gateway });
      if (result.kind === 'owned') throw conflict('number_owned', `${number} belongs to another account`);
      return reply.status(result.kind === 'created' ? 201 : 200).send(senderNumberView(result.row));
    },
  );

  app.get<{ Params: { number: string } }>(
    '/v1/sender-numbers/:number',
    { config: admin, schema: { tags: ['sender-numbers'], summary: 'A sender number and its owner' } },
    async (request) => {
      const row = await getSenderNumber(app.deps.db, e164(request.params.number));
      if (!row) throw notFound('Sender number');
      return senderNumberView(row);
    },
  );

  app.delete<{ Params: { number: string } }>(
    '/v1/sender-numbers/:number',
    { config: admin, schema: { tags: ['sender-numbers'], summary: 'Take a number from its account' } },
    async (request, reply) => {
      if (!(await removeSenderNumber(app.deps.db, e164(request.params.number)))) throw notFound('Sender number');
      return reply.status(204).send();
    },
  );
}
