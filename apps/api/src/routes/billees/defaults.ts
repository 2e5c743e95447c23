import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, isTimeZone, notFound } from '@smsgw/core';
import { deleteBilleeDefaults, getBilleeDefaults, putBilleeDefaults, type BilleeDefaultsRow } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { billeeDefaultsInputSchema, billeeDefaultsSchema } from '../../schemas/billees.js';
import { noContent } from '../../schemas/common.js';
import { billeeParams } from '../../schemas/credit.js';
import { errorResponses } from '../../schemas/errors.js';

function view(row: BilleeDefaultsRow): z.infer<typeof billeeDefaultsSchema> {
  return {
    billee: { type: row.billeeType, id: row.billeeId },
    gateway: row.gateway,
    timeZone: row.timeZone,
    quietHours: row.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * `PUT|GET|DELETE /v1/billees/:type/:id`: a billee's defaults, the original's `billee.sms_gateway`
 * plus a time zone and quiet hours. PUT replaces them all (a field left out is none). Each write
 * refreshes this process's cache at once; other API processes see it within a second.
 */
const billeeDefaultsRoutes: FastifyPluginAsyncZod = async (app) => {
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
      return view(row);
    },
  );
  app.get(
    '/v1/billees/:type/:id',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "Get a billee's defaults",
        params: billeeParams,
        response: { 200: billeeDefaultsSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const row = await getBilleeDefaults(app.db, principalOf(request).accountId, request.params);
      if (!row) throw notFound('Billee defaults');
      return view(row);
    },
  );
  app.delete(
    '/v1/billees/:type/:id',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "Remove a billee's defaults",
        params: billeeParams,
        response: { 204: noContent, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      if (!(await deleteBilleeDefaults(app.db, accountId, request.params))) throw notFound('Billee defaults');
      app.sendSettings.invalidate(accountId);
      return reply.status(204).send();
    },
  );
};

export default billeeDefaultsRoutes;
