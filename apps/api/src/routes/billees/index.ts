import type { FastifyPluginAsync } from 'fastify';
import balance from './balance.js';
import credit from './credit.js';
import deleteDefaults from './delete-defaults.js';
import getDefaults from './get-defaults.js';
import ledger from './ledger.js';
import setDefaults from './set-defaults.js';

/** `/v1/billees/:type/:id`: a billee's defaults, and a prepaid billee's credit, balance and ledger. One file per route. */
export const billeeRoutes: FastifyPluginAsync = async (app) => {
  await app.register(setDefaults);
  await app.register(getDefaults);
  await app.register(deleteDefaults);
  await app.register(credit);
  await app.register(balance);
  await app.register(ledger);
};
