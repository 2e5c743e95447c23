import type { FastifyPluginAsync } from 'fastify';
import cancel from './cancel.js';
import get from './get.js';
import list from './list.js';
import messages from './messages.js';

/** `/v1/batches`: the batches of `POST /v1/messages/batch`, the original's MessageSet. */
export const batchRoutes: FastifyPluginAsync = async (app) => {
  await app.register(list);
  await app.register(get);
  await app.register(messages);
  await app.register(cancel);
};
