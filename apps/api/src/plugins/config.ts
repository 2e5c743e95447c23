import fp from 'fastify-plugin';
import type { ApiConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The API's configuration, validated once at boot and frozen (`loadApiConfig`). */
    config: ApiConfig;
  }
}

/** The configuration as a decorator, so plugins and routes read it from the app, not from `process.env`. */
export const configPlugin = fp<{ config: ApiConfig }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
  },
  { name: 'smsgw-config', fastify: '5.x' },
);
