import type { FastifyPluginAsync } from 'fastify';
import create from './create.js';
import remove from './delete.js';
import list from './list.js';
import update from './update.js';

/**
 * Routing rules (admin): the first enabled rule (by position) whose prefix / country matches a
 * recipient gives its gateways — by rank for failover, weighted within a rank for load sharing.
 */
export const routingRuleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(list);
  await app.register(create);
  await app.register(update);
  await app.register(remove);
};
