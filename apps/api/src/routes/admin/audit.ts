import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit } from '@smsgw/db';
import { errorResponses } from '../../schemas/errors.js';
import { auditPage, auditQuery } from '../../schemas/keys.js';
import { auditView } from '../../views/keys.js';

/** `GET /v1/admin/audit` (scope `admin`): the audit log, newest first. */
const auditRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/admin/audit',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'The audit log of admin actions, newest first (filter by action or account)',
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses(400, 403, 429) },
      },
    },
    async (request) => {
      const { cursor, limit, action, accountId } = request.query;
      const rows = await listAudit(app.db, { before: cursor, limit, action, accountId });
      const last = rows.at(-1);
      return { data: rows.map(auditView), nextCursor: rows.length === limit && last ? last.id : null };
    },
  );
};

export default auditRoute;
