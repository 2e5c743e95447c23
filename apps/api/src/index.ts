// The app as a library, named one by one: what the standalone app and the root tests import.
export { buildApp } from './app.js';
export { loadApiConfig } from './config.js';
export { bootstrapAccess, bootstrapSandbox } from './bootstrap.js';
