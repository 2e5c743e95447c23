import type { FastifyInstance } from 'fastify';
import { notFound } from '@smsgw/core';
import { getGateway, storeBalance } from '@smsgw/db';
import { DEFAULT_LIMITS, mergeSettings, queryBalance, resolveGatewayConfig } from '@smsgw/gateways';
import { readCredentials } from '../../services/gateway-admin.js';

/** `GET /v1/gateways/:name/balance`: asks the provider now and stores the answer. */
export function gatewayBalanceRoute(app: FastifyInstance): void {
  app.get<{ Params: { name: string } }>(
    '/v1/gateways/:name/balance',
    { config: { admin: true }, schema: { tags: ['gateways'], summary: "Ask the provider for the account's balance now" } },
    async (request) => {
      const row = await getGateway(app.deps.db, request.params.name);
      if (!row) throw notFound('Gateway');
      const config = resolveGatewayConfig(row.preset, row.config);
      const balance = await queryBalance(
        config,
        { credentials: readCredentials(row, app.deps.config.encryptionKey), settings: mergeSettings(config, row.settings) },
        { ...DEFAULT_LIMITS, allowPrivate: app.deps.config.allowPrivateGateways },
      );
      await storeBalance(app.deps.db, row.name, balance.balance, balance.currency);
      return { gateway: row.name, balance: balance.balance, currency: balance.currency ?? null, checkedAt: new Date().toISOString() };
    },
  );
}
