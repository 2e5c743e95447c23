import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createHotPath, statusWebhookHook } from '@smsgw/db';
import { registerAuth } from './plugins/auth.js';
import { registerBullBoard } from './plugins/bull-board.js';
import { registerDocs } from './plugins/docs.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerMetrics } from './plugins/metrics.js';
import { serializeRequest } from './request-log.js';
import { accountRoutes } from './routes/account.js';
import { callbackRoutes } from './routes/callbacks/index.js';
import { gatewayBalanceRoute } from './routes/gateways/balance.js';
import { gatewayRoutes } from './routes/gateways/index.js';
import { routingRuleRoutes } from './routes/routing-rules.js';
import { healthRoutes } from './routes/health.js';
import { batchMessagesRoute } from './routes/messages/batch.js';
import { cancelMessageRoute } from './routes/messages/cancel.js';
import { createMessageRoute } from './routes/messages/create.js';
import { getMessageRoute } from './routes/messages/get.js';
import { listMessagesRoute } from './routes/messages/list.js';
import { optOutRoutes } from './routes/opt-outs.js';
import { listRepliesRoute } from './routes/replies.js';
import { segmentsRoute } from './routes/segments.js';
import { senderNumberRoutes } from './routes/sender-numbers.js';
import type { AcceptDeps } from './services/accept.js';
import { createDirectory } from './services/directory.js';
import type { AppDeps } from './types.js';

/**
 * Builds the API without listening, so tests drive it with `app.inject()` against real
 * PostgreSQL and Redis, and `server.ts` (or the one-process demo) decides where it listens.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Fastify's own `req` serializer logs the raw URL, tokens and phone numbers included; a
    // serializer of the given logger takes its place (Fastify merges the logger's over its own).
    loggerInstance: deps.logger.child({}, { serializers: { req: serializeRequest } }) as FastifyBaseLogger,
    bodyLimit: deps.config.bodyLimit,
    trustProxy: true,
    // Our schemas document the API; validation is done by zod in the handlers, with our error format.
    ajv: { customOptions: { strict: false } },
  });
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.decorate('deps', deps);
  registerErrorHandling(app);
  registerAuth(app);
  await registerDocs(app);
  registerMetrics(app);

  const directory = createDirectory(deps.db);
  // One hot path per process: concurrent requests share grouped, prepared statements.
  const hot = createHotPath(deps.db, {
    wake: (ids) => deps.queues.wakeWebhooks(ids),
    maxRows: deps.config.groupMaxRows,
    concurrency: deps.config.groupConcurrency,
  });
  app.addHook('onClose', () => hot.drain());
  const accept: AcceptDeps = { db: deps.db, queues: deps.queues, config: deps.config, directory, hot, logger: deps.logger };
  healthRoutes(app);
  segmentsRoute(app);
  createMessageRoute(app, accept);
  batchMessagesRoute(app, accept);
  getMessageRoute(app);
  listMessagesRoute(app);
  cancelMessageRoute(app);
  await app.register(import('./routes/messages/resend.js'));
  gatewayRoutes(app, directory);
  gatewayBalanceRoute(app);
  routingRuleRoutes(app, directory);
  listRepliesRoute(app);
  optOutRoutes(app);
  senderNumberRoutes(app);
  accountRoutes(app);
  await app.register(callbackRoutes, {
    directory,
    hot,
    onChange: statusWebhookHook(deps.queues, deps.logger),
    replies: { db: deps.db, queues: deps.queues, windowHours: deps.config.replyWindowHours, defaultCountry: deps.config.defaultCountry, logger: deps.logger },
  });
  await registerBullBoard(app);
  return app;
}
