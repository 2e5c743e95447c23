import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { authPlugin } from './plugins/auth.js';
import { bootstrapPlugin } from './plugins/bootstrap.js';
import { bullBoardPlugin } from './plugins/bull-board.js';
import { configPlugin } from './plugins/config.js';
import { consolePlugin } from './plugins/console.js';
import { databasePlugin } from './plugins/database.js';
import { directoryPlugin } from './plugins/directory.js';
import { docsPlugin } from './plugins/docs.js';
import { errorsPlugin } from './plugins/errors.js';
import { hotPathPlugin } from './plugins/hot-path.js';
import { keyCachePlugin } from './plugins/key-cache.js';
import { metricsPlugin, metricsRegistryPlugin } from './plugins/metrics.js';
import { queuesPlugin } from './plugins/queues.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { sendSettingsPlugin } from './plugins/send-settings.js';
import { serializeRequest } from './request-log.js';
import { accountRoutes } from './routes/account/index.js';
import { adminRoutes } from './routes/admin/index.js';
import { batchRoutes } from './routes/batches/index.js';
import { billeeRoutes } from './routes/billees/index.js';
import { billingRoutes } from './routes/billing/index.js';
import { callbackRoutes } from './routes/callbacks/index.js';
import { gatewayRoutes } from './routes/gateways/index.js';
import { healthRoutes } from './routes/health/index.js';
import { keyRoutes } from './routes/keys/index.js';
import { messageRoutes } from './routes/messages/index.js';
import { optOutRoutes } from './routes/opt-outs/index.js';
import { rateRoutes } from './routes/rates/index.js';
import listPresets from './routes/presets/list.js';
import listReplies from './routes/replies/list.js';
import { routingRuleRoutes } from './routes/routing-rules/index.js';
import countSegments from './routes/segments/count.js';
import { senderNumberRoutes } from './routes/sender-numbers/index.js';
import { templateRoutes } from './routes/templates/index.js';
import type { AppOptions } from './types.js';

/**
 * Builds the API without listening, so tests drive it with `app.inject()` against real
 * PostgreSQL and Redis, and `server.ts` (or the one-process demo) decides where it listens.
 * Infrastructure comes first, as named plugins that decorate the app and close what they
 * opened (in reverse order, so the hot path drains before the database goes); then the hooks
 * every request passes (errors and validation, auth, docs, metrics); then the routes.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify's own `req` serializer logs the raw URL, tokens and phone numbers included; a
    // serializer of the given logger takes its place (Fastify merges the logger's over its own).
    loggerInstance: opts.logger.child({}, { serializers: { req: serializeRequest } }) as FastifyBaseLogger,
    bodyLimit: opts.config.bodyLimit,
    trustProxy: true,
  });
  await app.register(configPlugin, { config: opts.config });
  await app.register(databasePlugin, { db: opts.db });
  await app.register(queuesPlugin, { queues: opts.queues, notifier: opts.notifier });
  if (opts.bootstrap) await app.register(bootstrapPlugin);
  await app.register(metricsRegistryPlugin);
  await app.register(hotPathPlugin);
  await app.register(directoryPlugin);
  await app.register(sendSettingsPlugin);
  await app.register(keyCachePlugin);
  await app.register(errorsPlugin);
  await app.register(authPlugin);
  await app.register(rateLimitPlugin);
  await app.register(docsPlugin);
  await app.register(metricsPlugin);

  await app.register(healthRoutes);
  await app.register(countSegments);
  await app.register(messageRoutes);
  await app.register(batchRoutes);
  await app.register(rateRoutes);
  await app.register(billingRoutes);
  await app.register(billeeRoutes);
  await app.register(gatewayRoutes);
  await app.register(listPresets);
  await app.register(routingRuleRoutes);
  await app.register(listReplies);
  await app.register(optOutRoutes);
  await app.register(senderNumberRoutes);
  await app.register(templateRoutes);
  await app.register(accountRoutes);
  await app.register(keyRoutes);
  await app.register(adminRoutes);
  await app.register(callbackRoutes);
  await app.register(bullBoardPlugin);
  await app.register(consolePlugin);
  return app;
}
