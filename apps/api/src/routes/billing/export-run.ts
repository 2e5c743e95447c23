import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '@smsgw/core';
import { billingRunMessages, getBillingRun, type Db } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { idParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { csvHeader, csvLine } from '../../services/billing.js';

/** Rows read per query: a run may bill millions of messages, and the export streams them. */
const PAGE = 2000;

async function* lines(db: Db, runId: string): AsyncGenerator<string> {
  yield csvHeader;
  let after: string | undefined;
  for (;;) {
    const rows = await billingRunMessages(db, runId, after, PAGE);
    if (rows.length > 0) yield rows.map(csvLine).join('');
    const last = rows.at(-1);
    if (rows.length < PAGE || !last) return;
    after = last.id;
  }
}

/** `GET /v1/billing/runs/:id/export.csv`: the run's messages, one line each, at the amounts billed. */
const exportRunRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/billing/runs/:id/export.csv',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "A billing run's messages as CSV",
        params: idParams,
        response: {
          200: { description: 'RFC 4180 CSV with a header line', content: { 'text/csv': { schema: z.string() } } },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const run = await getBillingRun(app.db, principalOf(request).accountId, request.params.id);
      if (!run) throw notFound('Billing run');
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${run.id}.csv"`)
          // A stream is sent as it is (no serializer); the documented type is what the client reads: text.
          .send(Readable.from(lines(app.db, run.id)) as unknown as string)
      );
    },
  );
};

export default exportRunRoute;
