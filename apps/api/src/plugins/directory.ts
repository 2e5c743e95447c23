import fp from 'fastify-plugin';
import { createDirectory, type DirectoryCache } from '../services/directory.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Gateways and routes, cached briefly: every accepted message and callback needs them. */
    directory: DirectoryCache;
  }
}

/** One directory cache per process, so a route's write (`invalidate()`) is seen by every other route. */
export const directoryPlugin = fp(
  async (app) => {
    app.decorate('directory', createDirectory(app.db));
  },
  { name: 'smsgw-directory', fastify: '5.x', dependencies: ['smsgw-database'] },
);
