import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, newId } from '@smsgw/core';
import { createTemplate } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { createTemplateSchema, templateSchema } from '../../schemas/templates.js';
import { measureBody } from '../../services/template-store.js';
import { templateView } from '../../views/templates.js';

/** `POST /v1/templates`: a new named template, at version 1. */
const createTemplateRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/templates',
    {
      config: { scope: 'messages:write' },
      schema: {
        tags: ['templates'],
        summary: 'Create a named template',
        description: 'The body is checked (tags, filters) and measured. 409 `template_exists` when the name is taken.',
        body: createTemplateSchema,
        response: { 201: json(templateSchema, 'Created, at version 1'), ...errorResponses(400, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      const { name, body, description } = request.body;
      const content = measureBody(body);
      const created = await createTemplate(app.db, { id: newId('tpl'), accountId, name, description: description ?? null }, content);
      if (!created) throw new AppError('template_exists', `There is already a template named "${name}"`);
      app.templateStore.invalidate();
      return reply.status(201).send(templateView(created));
    },
  );
};

export default createTemplateRoute;
