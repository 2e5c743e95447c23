export * from './app.js';
export * from './config.js';
export * from './bootstrap.js';
export * from './logging.js';
export * from './types.js';
