import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, normalizePhone, notFound } from '@smsgw/core';
import { getGateway } from '@smsgw/db';
import { DEFAULT_LIMITS, checkNumber, loadGateway } from '@smsgw/gateways';
import { nameParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { lookupQuery, lookupSchema } from '../../schemas/gateways.js';

/**
 * `GET /v1/gateways/:name/lookup?to=`: the original's check_availability_to_send. Admin only,
 * like everything that drives a gateway directly: most providers charge for a lookup, and an
 * account key that could run them at will could spend the operator's credit.
 */
const gatewayLookupRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/gateways/:name/lookup',
    {
      config: { scope: 'gateways:read' },
      schema: {
        tags: ['gateways'],
        summary: 'Check a number at the provider (lookup / route coverage) without sending',
        description:
          "Runs the gateway's `numberCheck` config now. Most providers charge for it. 422 `number_check_not_supported` when the gateway has " +
          'none; 502 `number_check_failed` when the provider gives no verdict (the message quotes its answer).',
        params: nameParams,
        querystring: lookupQuery,
        response: { 200: lookupSchema, ...errorResponses(400, 403, 404, 422, 502) },
      },
    },
    async (request) => {
      const row = await getGateway(app.db, request.params.name);
      if (!row) throw notFound('Gateway');
      const phone = normalizePhone(request.query.to, app.config.defaultCountry);
      if (!phone.ok) throw new AppError('invalid_recipient', `to: ${phone.reason}`);
      const gw = loadGateway(row, app.config.encryptionKey);
      if (gw.kind !== 'http') throw new AppError('number_check_not_supported', 'SMPP gateways have no number check');
      const check = await checkNumber(
        gw.config,
        { credentials: gw.credentials, settings: gw.settings, number: phone.e164 },
        { ...DEFAULT_LIMITS, allowPrivate: app.config.allowPrivateGateways },
      );
      request.log.info({ gateway: row.name, status: check.status }, 'number checked');
      return {
        gateway: row.name,
        number: phone.e164,
        status: check.status,
        providerStatus: check.providerStatus,
        charge: check.charge ?? null,
        currency: check.currency ?? null,
        checkedAt: new Date().toISOString(),
      };
    },
  );
};

export default gatewayLookupRoute;
