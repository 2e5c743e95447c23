import type { FastifyPluginAsync } from 'fastify';
import create from './create.js';
import list from './list.js';
import revoke from './revoke.js';
import rotate from './rotate.js';

/** The caller's account's API keys (scope `account:admin`). */
export const keyRoutes: FastifyPluginAsync = async (app) => {
  await app.register(create);
  await app.register(list);
  await app.register(rotate);
  await app.register(revoke);
};
