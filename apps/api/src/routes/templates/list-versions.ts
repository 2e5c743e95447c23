import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { listTemplateVersions } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { templateParams, templateVersionList } from '../../schemas/templates.js';
import { templateVersionView } from '../../views/templates.js';

/** `GET /v1/templates/:name/versions`: all of a template's versions, newest first. */
const listTemplateVersionsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/templates/:name/versions',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['templates'],
        summary: "A template's versions, newest first",
        params: templateParams,
        response: { 200: templateVersionList, ...errorResponses(404) },
      },
    },
    async (request) => {
      const versions = await listTemplateVersions(app.db, principalOf(request).accountId, request.params.name);
      if (!versions) throw notFound('Template');
      return { data: versions.map(templateVersionView) };
    },
  );
};

export default listTemplateVersionsRoute;
