import type { FastifyPluginAsync } from 'fastify';
import accounts from './accounts.js';
import audit from './audit.js';
import keys from './keys.js';

/** Operating the deployment (scope `admin`): accounts, any account's keys, the audit log. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  await app.register(accounts);
  await app.register(keys);
  await app.register(audit);
};
