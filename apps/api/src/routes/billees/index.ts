import type { FastifyPluginAsync } from 'fastify';
import balance from './balance.js';
import credit from './credit.js';
import ledger from './ledger.js';

/** `/v1/billees/:type/:id`: a prepaid billee's credit, balance and ledger. */
export const billeeRoutes: FastifyPluginAsync = async (app) => {
  await app.register(credit);
  await app.register(balance);
  await app.register(ledger);
};
