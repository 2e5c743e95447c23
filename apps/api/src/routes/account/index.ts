import type { FastifyPluginAsync } from 'fastify';
import deliveries from './deliveries.js';
import get from './get.js';
import update from './update.js';

/** The caller's account: its default webhook URL and signing secret, and its webhook deliveries. */
export const accountRoutes: FastifyPluginAsync = async (app) => {
  await app.register(get);
  await app.register(update);
  await app.register(deliveries);
};
