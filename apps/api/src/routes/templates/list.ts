import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listTemplates } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { templateListQuery, templatePage } from '../../schemas/templates.js';
import { templateView } from '../../views/templates.js';

/** `GET /v1/templates`: the account's templates by name, each with its latest version. */
const listTemplatesRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/templates',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['templates'],
        summary: 'List templates by name',
        querystring: templateListQuery,
        response: { 200: templatePage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { cursor, limit } = request.query;
      const rows = await listTemplates(app.db, principalOf(request).accountId, { ...(cursor ? { after: cursor } : {}), limit });
      const last = rows.at(-1);
      return { data: rows.map(templateView), nextCursor: rows.length === limit && last ? last.template.name : null };
    },
  );
};

export default listTemplatesRoute;
