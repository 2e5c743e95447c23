import type { FastifyPluginAsync } from 'fastify';
import audit from './audit.js';
import createAccount from './create-account.js';
import createKey from './create-key.js';
import disableAccount from './disable-account.js';
import enableAccount from './enable-account.js';
import getAccount from './get-account.js';
import listAccounts from './list-accounts.js';
import listKeys from './list-keys.js';
import revokeKey from './revoke-key.js';

/** Operating the deployment (scope `admin`): accounts, any account's keys, the audit log. One file per route. */
export const adminRoutes: FastifyPluginAsync = async (app) => {
  await app.register(createAccount);
  await app.register(listAccounts);
  await app.register(getAccount);
  await app.register(disableAccount);
  await app.register(enableAccount);
  await app.register(createKey);
  await app.register(listKeys);
  await app.register(revokeKey);
  await app.register(audit);
};
