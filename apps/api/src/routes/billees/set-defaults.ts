import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, isTimeZone } from '@smsgw/core';
import { putBilleeDefaults } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { billeeDefaultsInputSchema, billeeDefaultsSchema } from '../../schemas/billees.js';
import { billeeParams } from '../../schemas/credit.js';
import { errorResponses } from '../../schemas/errors.js';
import { billeeDefaultsView } from './defaults-view.js';

/**
 * `PUT /v1/billees/:type/:id`: replaces a billee's defaults (a field left out is none). Refreshes
 * this process's cache at once; other API processes see it within a second.
 */
const setBilleeDefaultsRoute: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/v1/billees/:type/:id',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "Set a billee's defaults: gateway, time zone, quiet hours",
        params: billeeParams,
        body: billeeDefaultsInputSchema,
        response: { 200: billeeDefaultsSchema, ...errorResponses(400, 413, 415, 422) },
      },
    },
    async (request) => {
      const accountId = principalOf(request).accountId;
      const { gateway, timeZone, quietHours } = request.body;
      if (gateway && !(await app.directory.get()).gateways.has(gateway)) {
        throw new AppError('unknown_gateway', `There is no gateway named "${gateway}"`);
      }
      if (timeZone && !isTimeZone(timeZone)) throw new AppError('invalid_time_zone', `"${timeZone}" is not a known IANA time zone`);
      if (quietHours && !timeZone) throw new AppError('invalid_time_zone', 'Quiet hours need the time zone they are read in');
      const row = await putBilleeDefaults(app.db, accountId, request.params, {
        gateway: gateway ?? null,
        timeZone: timeZone ?? null,
        quietStart: quietHours?.start ?? null,
        quietEnd: quietHours?.end ?? null,
      });
      app.sendSettings.invalidate(accountId);
      return billeeDefaultsView(row);
    },
  );
};

export default setBilleeDefaultsRoute;
