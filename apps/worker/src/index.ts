export * from './config.js';
export * from './runtime.js';
export * from './gateway-cache.js';
export * from './processors/send.js';
export * from './processors/maintenance.js';
export * from './reply-handlers.js';
export * from './processors/reply-handler.js';
export * from './processors/webhook.js';
