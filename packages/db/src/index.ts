export * from './client.js';
export * from './rows.js';
export * as schema from './schema/index.js';
export * from './schema/index.js';
export * from './queries/accounts.js';
export * from './queries/gateways.js';
export * from './queries/messages.js';
