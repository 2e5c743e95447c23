import type { FastifyPluginAsync } from 'fastify';
import create from './create.js';
import remove from './delete.js';
import list from './list.js';

/** `/v1/opt-outs`: the numbers this account's messages may not be sent to. */
export const optOutRoutes: FastifyPluginAsync = async (app) => {
  await app.register(list);
  await app.register(create);
  await app.register(remove);
};
