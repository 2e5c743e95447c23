import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { updateTemplate } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { patchTemplateSchema, templateParams, templateSchema } from '../../schemas/templates.js';
import { measureBody } from '../../services/template-store.js';
import { templateView } from '../../views/templates.js';

/**
 * `PATCH /v1/templates/:name`: a new `body` becomes the next version (the earlier ones stay, and
 * messages keep naming the one they used); `description` is changed in place.
 */
const updateTemplateRoute: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/v1/templates/:name',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['templates'],
        summary: 'Change a template (a new body is a new version)',
        params: templateParams,
        body: patchTemplateSchema,
        response: { 200: templateSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const { body, description } = request.body;
      const updated = await updateTemplate(app.db, principalOf(request).accountId, request.params.name, {
        ...(body !== undefined ? { content: measureBody(body) } : {}),
        ...(description !== undefined ? { description } : {}),
      });
      if (!updated) throw notFound('Template');
      app.templateStore.invalidate();
      return templateView(updated);
    },
  );
};

export default updateTemplateRoute;
