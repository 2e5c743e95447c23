import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@smsgw/core';
import { getGateway, insertRate } from '@smsgw/db';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { rateInputSchema, rateSchema } from '../../schemas/billing.js';
import { rateView } from '../../views/billing.js';
import { audit } from '../../services/audit.js';

/**
 * `POST /v1/rates` (admin): a new version of a price. Nothing is updated in place: messages keep
 * the rate they were accepted at, and the history stays readable (`GET /v1/rates?history=true`).
 */
const createRateRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/rates',
    {
      config: { scope: 'gateways:admin' },
      schema: {
        tags: ['billing'],
        summary: 'Set the price per segment of a gateway, optionally for a destination prefix or country (admin)',
        description:
          'Each call adds a version; the one in force for a message is the most specific (longest prefix, then country) and latest.',
        body: rateInputSchema,
        response: { 201: json(rateSchema, 'The new version'), ...errorResponses(400, 403, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (!(await getGateway(app.db, b.gateway))) throw new AppError('unknown_gateway', `There is no gateway named "${b.gateway}"`);
      const row = await insertRate(app.db, {
        gateway: b.gateway,
        prefix: b.prefix === undefined ? null : b.prefix.replace(/^\+/, ''),
        country: b.country ?? null,
        pricePerSegment: b.pricePerSegment,
        currency: b.currency,
        validFrom: b.validFrom === undefined ? undefined : new Date(b.validFrom),
      });
      await audit(app, request, {
        action: 'rate.created',
        target: b.gateway,
        accountId: null,
        details: { prefix: row.prefix, country: row.country, pricePerSegment: b.pricePerSegment, currency: b.currency },
      });
      return reply.status(201).send(rateView(row));
    },
  );
};

export default createRateRoute;
