import fp from 'fastify-plugin';
import { attachChangeObserver, attachOutboxWaker, createHotPath, type HotPath } from '@smsgw/db';
import { instrumentHotPath, transitionObserver } from '@smsgw/metrics';

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
    // Every statement that writes a webhook or a due reply handler wakes its job through the queues.
    const detach = attachOutboxWaker(app.db, app.queues);
    // The changes `transition` makes (cancels, reports applied by the general path) are counted too.
    const unobserve = attachChangeObserver(app.db, transitionObserver(app.metrics));
    const hot = createHotPath(app.db, {
      maxRows: app.config.groupMaxRows,
      concurrency: app.config.groupConcurrency,
    });
    // Counted as it goes (status changes, report delays): the rows its statements return say what changed.
    app.decorate('hotPath', instrumentHotPath(hot, app.metrics));
    app.addHook('onClose', async () => {
      await hot.drain();
      detach();
      unobserve();
    });
  },
  { name: 'smsgw-hot-path', fastify: '5.x', dependencies: ['smsgw-config', 'smsgw-database', 'smsgw-queues', 'smsgw-metrics-registry'] },
);
