import type { FastifyPluginAsync } from 'fastify';
import create from './create.js';
import last from './last.js';
import list from './list.js';

/** `/v1/rates`: prices per segment, per gateway (and prefix or country), versioned. */
export const rateRoutes: FastifyPluginAsync = async (app) => {
  await app.register(list);
  await app.register(last);
  await app.register(create);
};
