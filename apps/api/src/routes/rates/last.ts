import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@smsgw/core';
import { lastRateFor } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas/errors.js';
import { lastRateQuery, lastRateSchema } from '../../schemas/billing.js';
import { e164Of } from '../../services/phone-input.js';

/**
 * `GET /v1/rates/last?to=`: the per-segment rate last charged for a number (the original's
 * `get_last_rate_for`: the latest charged message's charge divided by its segments).
 */
const lastRateRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/rates/last',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: 'The per-segment rate last charged for a number',
        description: "From this account's latest message to the number whose delivery report gave a charge; 404 when there is none.",
        querystring: lastRateQuery,
        response: { 200: lastRateSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const to = e164Of(request.query.to, app.config.defaultCountry, 'to');
      const last = await lastRateFor(app.db, principalOf(request).accountId, to);
      if (!last) throw new AppError('not_found', 'No charged message to this number');
      return { to, ...last, sentAt: last.sentAt?.toISOString() ?? null };
    },
  );
};

export default lastRateRoute;
