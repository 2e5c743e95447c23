import type { FastifyPluginAsync } from 'fastify';
import batch from './batch.js';
import cancel from './cancel.js';
import create from './create.js';
import get from './get.js';
import list from './list.js';
import resend from './resend.js';
import timeline from './timeline.js';

/** `/v1/messages`: one file per route. */
export const messageRoutes: FastifyPluginAsync = async (app) => {
  await app.register(create);
  await app.register(batch);
  await app.register(get);
  await app.register(list);
  await app.register(cancel);
  await app.register(resend);
  await app.register(timeline);
};
