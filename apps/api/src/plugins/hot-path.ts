import fp from 'fastify-plugin';
import { createHotPath, type HotPath } from '@smsgw/db';

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's grouped, prepared statements (accept, status reports). */
    hotPath: HotPath;
  }
}

/**
 * One hot path per process: concurrent requests share its grouped statements, which is what
 * keeps accepting a message at one statement. Drained on close, before the database goes.
 */
export const hotPathPlugin = fp(
  async (app) => {
    const hot = createHotPath(app.db, {
      wake: (ids) => app.queues.wakeWebhooks(ids),
      maxRows: app.config.groupMaxRows,
      concurrency: app.config.groupConcurrency,
    });
    app.decorate('hotPath', hot);
    app.addHook('onClose', () => hot.drain());
  },
  { name: 'smsgw-hot-path', fastify: '5.x', dependencies: ['smsgw-config', 'smsgw-database', 'smsgw-queues'] },
);
