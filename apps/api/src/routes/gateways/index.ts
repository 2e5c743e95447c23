import type { FastifyPluginAsync } from 'fastify';
import balance from './balance.js';
import create from './create.js';
import remove from './delete.js';
import get from './get.js';
import health from './health.js';
import importDjango from './import-django.js';
import list from './list.js';
import lookup from './lookup.js';
import update from './update.js';

/** Gateway management (admin keys): one file per route. Every change tells the workers. */
export const gatewayRoutes: FastifyPluginAsync = async (app) => {
  await app.register(list);
  await app.register(create);
  await app.register(get);
  await app.register(update);
  await app.register(remove);
  await app.register(balance);
  await app.register(lookup);
  await app.register(health);
  await app.register(importDjango);
};
