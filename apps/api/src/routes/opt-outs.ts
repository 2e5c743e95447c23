import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, forbidden, normalizePhone, notFound } from '@smsgw/core';
import { addOptOut, getOptOut, listOptOuts, removeOptOut, type OptOutRow } from '@smsgw/db';
import { principalOf } from '../plugins/auth.js';
import { parseBody } from '../services/gateway-admin.js';
import { describeIssues } from '../services/message-input.js';

const listQuery = z
  .object({
    cursor: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const createBody = z.object({ number: z.string().min(1).max(64) }).strict();
const deleteQuery = z.object({ scope: z.enum(['account', 'global']).default('account') }).strict();

/** `global` opt-outs came from a STOP that matched no message: they stop every account's messages. */
function optOutView(row: OptOutRow) {
  return { number: row.number, scope: row.accountId === null ? 'global' : 'account', source: row.source, createdAt: row.createdAt.toISOString() };
}

/** Opt-out lists are phone numbers in E.164, so a number typed any way finds its entry. */
function e164(app: FastifyInstance, value: string): string {
  const n = normalizePhone(value, app.deps.config.defaultCountry);
  if (!n.ok) throw badRequest('invalid_request', `number: ${n.reason}`);
  return n.e164;
}

/** `GET/POST/DELETE /v1/opt-outs`: the numbers this account's messages may not be sent to. */
export function optOutRoutes(app: FastifyInstance): void {
  app.get(
    '/v1/opt-outs',
    { schema: { tags: ['opt-outs'], summary: "Numbers that opted out of this account's messages (and of everyone's)" } },
    async (request) => {
      const q = listQuery.safeParse(request.query);
      if (!q.success) throw badRequest('invalid_request', describeIssues(q.error));
      const rows = await listOptOuts(app.deps.db, principalOf(request).accountId, q.data.limit, q.data.cursor);
      const last = rows.at(-1);
      return { data: rows.map(optOutView), nextCursor: rows.length === q.data.limit && last ? String(last.id) : null };
    },
  );

  app.post('/v1/opt-outs', { schema: { tags: ['opt-outs'], summary: 'Opt a number out of this account’s messages' } }, async (request, reply) => {
    const input = parseBody(createBody, request.body);
    const { accountId } = principalOf(request);
    const number = e164(app, input.number);
    const created = await addOptOut(app.deps.db, accountId, number, 'api');
    const row = await getOptOut(app.deps.db, accountId, number);
    if (!row) throw notFound('Opt-out');
    return reply.status(created ? 201 : 200).send(optOutView(row));
  });

  app.delete<{ Params: { number: string } }>(
    '/v1/opt-outs/:number',
    {
      schema: {
        tags: ['opt-outs'],
        summary: 'Remove a number from the opt-out list',
        description: '`scope=global` (admin keys only) removes an opt-out that applies to every account.',
      },
    },
    async (request, reply) => {
      const q = deleteQuery.safeParse(request.query);
      if (!q.success) throw badRequest('invalid_request', describeIssues(q.error));
      const principal = principalOf(request);
      if (q.data.scope === 'global' && !principal.admin) throw forbidden('Removing a global opt-out needs an admin key');
      const number = e164(app, request.params.number);
      const removed = await removeOptOut(app.deps.db, q.data.scope === 'global' ? null : principal.accountId, number);
      if (!removed) throw notFound('Opt-out');
      return reply.status(204).send();
    },
  );
}
