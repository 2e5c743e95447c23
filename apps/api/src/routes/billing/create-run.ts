import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, newId } from '@smsgw/core';
import { billingRunTotals, createBillingRun } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { json } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { billingRunInput, billingRunSchema } from '../../schemas/billing.js';
import { idempotencyHeaders } from '../../schemas/messages.js';
import { parseBillee, runRequestHash } from '../../services/billing.js';
import { idempotencyKeyOf } from '../../services/idempotency.js';
import { billingRunView } from '../../views/billing.js';
import { audit } from '../../services/audit.js';

/**
 * `POST /v1/billing/runs`: marks the unbilled billable messages (of a billee, or all) accepted up
 * to `until` billed, exactly once: one statement writes the run and marks each message with it
 * and the amount billed; a concurrent run skips what this one marked. `Idempotency-Key` makes a
 * retry answer with the first run (200) instead of starting another.
 */
const createRunRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/billing/runs',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: 'Bill the unbilled messages up to a time (exactly once)',
        headers: idempotencyHeaders,
        body: billingRunInput,
        response: {
          201: json(billingRunSchema, 'The run, with what it billed'),
          200: json(billingRunSchema, 'A repeat of an Idempotency-Key: the first run'),
          ...errorResponses(400, 409),
        },
      },
    },
    async (request, reply) => {
      const accountId = principalOf(request).accountId;
      const key = idempotencyKeyOf(request);
      const billee = parseBillee(request.body.billee);
      const until = new Date(request.body.until);
      const hash = runRequestHash(billee, until);
      const { run, created } = await createBillingRun(app.db, {
        id: newId('run'),
        accountId,
        billee,
        until,
        idempotencyKey: key ?? null,
        requestHash: key === undefined ? null : hash,
      });
      if (!created && run.requestHash !== hash)
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different billing run');
      if (created)
        await audit(app, request, {
          action: 'billing.run',
          target: run.id,
          details: { until: until.toISOString(), billee: request.body.billee ?? null },
        });
      return reply.status(created ? 201 : 200).send(billingRunView(run, await billingRunTotals(app.db, run.id)));
    },
  );
};

export default createRunRoute;
