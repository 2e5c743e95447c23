import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, countSegments, notFound, TemplateError } from '@smsgw/core';
import { getTemplate } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { renderedSchema, renderTemplateSchema, templateParams } from '../../schemas/templates.js';
import { maxContentLength } from '../../services/message-content.js';
import { renderBody } from '../../services/template-store.js';

/** `POST /v1/templates/:name/render`: the text a send with these variables would carry, and its segments. Nothing is stored. */
const renderTemplateRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/templates/:name/render',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['templates'],
        summary: 'Preview a template: its text and segments',
        description: 'A missing variable is 422 `template_error` naming it, as on a send.',
        params: templateParams,
        body: renderTemplateSchema,
        response: { 200: renderedSchema, ...errorResponses(400, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const found = await getTemplate(app.db, principalOf(request).accountId, request.params.name, request.body.version);
      if (!found) throw notFound(request.body.version === undefined ? 'Template' : 'Template version');
      let content: string;
      try {
        content = renderBody(found.version.body, request.body.vars, maxContentLength(app.config.maxSegments));
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        const code = err.code === 'content_too_long' ? 'too_many_segments' : err.code;
        throw new AppError(code, err.message, { cause: err });
      }
      const seg = countSegments(content);
      return {
        template: { name: found.template.name, version: found.version.version },
        content,
        encoding: seg.encoding,
        characters: seg.characters,
        segments: seg.segments,
      };
    },
  );
};

export default renderTemplateRoute;
