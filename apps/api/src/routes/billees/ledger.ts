import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '@smsgw/core';
import { listCreditLedger } from '@smsgw/db';
import { principalOf } from '../../plugins/auth.js';
import { billeeParams, ledgerPage, ledgerQuery } from '../../schemas/credit.js';
import { errorResponses } from '../../schemas/errors.js';
import { ledgerEntryView } from '../../views/credit.js';

/** `GET /v1/billees/:type/:id/ledger`: every change to the billee's credit, newest first. */
const ledgerRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/billees/:type/:id/ledger',
    {
      config: { scope: 'billing' },
      schema: {
        tags: ['billing'],
        summary: "A prepaid billee's ledger: limit changes, reservations, settlements and releases",
        description: '`cursor` is the `nextCursor` of the previous page.',
        params: billeeParams,
        querystring: ledgerQuery,
        response: { 200: ledgerPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const { type, id } = request.params;
      const q = request.query;
      const before = q.cursor === undefined ? undefined : Number(q.cursor);
      if (before !== undefined && !Number.isSafeInteger(before)) throw new AppError('invalid_request', 'cursor: not a cursor of this list');
      const rows = await listCreditLedger(app.db, principalOf(request).accountId, { type, id }, { before, limit: q.limit });
      const last = rows.at(-1);
      return { data: rows.map(ledgerEntryView), nextCursor: rows.length === q.limit && last ? String(last.id) : null };
    },
  );
};

export default ledgerRoute;
