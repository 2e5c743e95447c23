// The app as a library, named one by one: what the standalone app, the API's tests and the root
// tests import, then what this app's own tests take from here.
export { loadWorkerConfig } from './config.js';
export { startWorkers, type WorkerRuntime } from './runtime.js';
export { createGatewayCache } from './gateway-cache.js';
export { createReplyHandlerRegistry, registerReplyHandler, type ReplyHandlerContext, type ReplyHandlerRegistry } from './reply-handlers.js';
export { refreshBalances } from './processors/balances.js';
export { createWorkerMetrics } from './metrics.js';
export { startHealthServer, startWorkerHealth, type HealthServer } from './health-server.js';

// This app's tests, and the SMPP tests at the root (which import this file by path).
export type { JobContext } from './job-context.js';
export { processSend, type SendDeps } from './processors/send.js';
export { reconcileUnknown, sweep, type ReconcileReport, type SweepDeps, type SweepReport } from './processors/maintenance.js';
export { processReplyHandler } from './processors/reply-handler.js';
export { processWebhook } from './processors/webhook.js';
