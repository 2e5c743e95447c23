import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { getGateway, storeBalance } from '@smsgw/db';
import { DEFAULT_LIMITS, loadHttpGateway, queryBalance } from '@smsgw/gateways';
import { nameParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { balanceSchema } from '../../schemas/gateways.js';

/** `GET /v1/gateways/:name/balance`: asks the provider now and stores the answer. */
const gatewayBalanceRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/gateways/:name/balance',
    {
      config: { scope: 'gateways:read' },
      schema: {
        tags: ['gateways'],
        summary: "Ask the provider for the account's balance now",
        params: nameParams,
        response: { 200: balanceSchema, ...errorResponses(403, 404, 422, 502) },
      },
    },
    async (request) => {
      const row = await getGateway(app.db, request.params.name);
      if (!row) throw notFound('Gateway');
      const gw = loadHttpGateway(row, app.config.encryptionKey);
      const balance = await queryBalance(
        gw.config,
        { credentials: gw.credentials, settings: gw.settings },
        { ...DEFAULT_LIMITS, allowPrivate: app.config.allowPrivateGateways },
      );
      await storeBalance(app.db, row.name, balance.balance, balance.currency);
      return { gateway: row.name, balance: balance.balance, currency: balance.currency ?? null, checkedAt: new Date().toISOString() };
    },
  );
};

export default gatewayBalanceRoute;
