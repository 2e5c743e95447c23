import type { FastifyPluginAsync } from 'fastify';
import createRun from './create-run.js';
import exportRun from './export-run.js';
import getRun from './get-run.js';
import unbilled from './unbilled.js';

/** `/v1/billing`: what is not billed yet, and billing runs that mark it billed exactly once. */
export const billingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(unbilled);
  await app.register(createRun);
  await app.register(getRun);
  await app.register(exportRun);
};
