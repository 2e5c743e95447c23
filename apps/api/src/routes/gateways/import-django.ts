import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../schemas/errors.js';
import { djangoImportBodySchema, djangoImportResultSchema } from '../../schemas/gateway-import.js';
import { importDjangoGateways } from '../../services/django-import.js';
import { gatewaysChanged } from './changed.js';
import { audit } from '../../services/audit.js';

/**
 * `POST /v1/gateways/import/django` (admin): the original's Gateway rows, as `dumpdata` wrote
 * them, become smsgw gateways; the answer reports per field what was carried over and what not.
 */
const importDjangoRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/gateways/import/django',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['gateways'],
        summary: 'Import gateways from django-sms-gateway',
        description:
          'Converts each `sms.gateway` entry of a `dumpdata` (base_url and settings → the send request, keyword fields → parameter names, ' +
          'success/error formats → response rules, status_* → the status callback, reply_* → the reply callback, balance and number-check ' +
          'fields → balance and lookup) and creates it as `POST /v1/gateways` would. Each entry succeeds or fails on its own; ' +
          '`report` lists every field with what became of it. `dryRun` creates nothing.',
        body: djangoImportBodySchema,
        response: { 200: djangoImportResultSchema, ...errorResponses(400, 403, 413, 415) },
      },
    },
    async (request) => {
      const { created, data, skipped } = await importDjangoGateways(app, request.body);
      if (created > 0) {
        await gatewaysChanged(app);
        await audit(app, request, { action: 'gateway.imported', accountId: null, details: { created, skipped: skipped.length } });
      }
      return { dryRun: request.body.dryRun, created, data, skipped };
    },
  );
};

export default importDjangoRoute;
