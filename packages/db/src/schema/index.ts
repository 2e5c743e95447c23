export * from './accounts.js';
export * from './batches.js';
export * from './billing.js';
export * from './credit.js';
export * from './gateways.js';
export * from './messages.js';
export * from './callbacks.js';
export * from './sender-numbers.js';
