import type { FastifyPluginAsync } from 'fastify';
import live from './live.js';
import ready from './ready.js';

/** Liveness says the process runs; readiness says its PostgreSQL and Redis answer and the schema is current. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  await app.register(live);
  await app.register(ready);
};
