import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getTemplate, listTemplateVersions } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { templateParams, templateSchema, templateVersionList, templateVersionParams } from '../../schemas/templates.js';
import { templateVersionView, templateView } from '../../views/templates.js';

/** `GET /v1/templates/:name` (latest version), `…/versions` (all) and `…/versions/:version` (one). */
const getTemplateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/templates/:name',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['templates'],
        summary: 'Get a template with its latest version',
        params: templateParams,
        response: { 200: templateSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const found = await getTemplate(app.db, principalOf(request).accountId, request.params.name);
      if (!found) throw notFound('Template');
      return templateView(found);
    },
  );
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
  app.get(
    '/v1/templates/:name/versions/:version',
    {
      config: { scope: 'messages:read' },
      schema: {
        tags: ['templates'],
        summary: 'Get a template with one of its versions',
        params: templateVersionParams,
        response: { 200: templateSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { name, version } = request.params;
      const found = await getTemplate(app.db, principalOf(request).accountId, name, version);
      if (!found) throw notFound('Template version');
      return templateView(found);
    },
  );
};

export default getTemplateRoutes;
