import fp from 'fastify-plugin';
import { bootstrapAccess, bootstrapSandbox } from '../bootstrap.js';

/**
 * First-start setup of a deployment, before the app takes requests: the `SMSGW_API_KEY` admin key
 * and, with `SMSGW_SANDBOX_URL`, the sandbox gateway. Both idempotent, so every replica runs them.
 */
export const bootstrapPlugin = fp(
  async (app) => {
    await bootstrapAccess(app.db, app.config.bootstrapApiKey, app.log);
    await bootstrapSandbox(app.db, app.config.sandboxUrl);
  },
  { name: 'smsgw-bootstrap', fastify: '5.x', dependencies: ['smsgw-config', 'smsgw-database'] },
);
