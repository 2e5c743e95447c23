import type { FastifyPluginAsync } from 'fastify';
import balance from './balance.js';
import credit from './credit.js';
import defaults from './defaults.js';
import ledger from './ledger.js';

/** `/v1/billees/:type/:id`: a billee's defaults, and a prepaid billee's credit, balance and ledger. */
export const billeeRoutes: FastifyPluginAsync = async (app) => {
  await app.register(defaults);
  await app.register(credit);
  await app.register(balance);
  await app.register(ledger);
};
