import fp from 'fastify-plugin';
import { gatewayNotifier, logConnectionErrors, queuesFromConfig, redisConnection, type Queues } from '@smsgw/queues';
import type { GatewayNotifier } from '../types.js';

declare module 'fastify' {
  interface FastifyInstance {
    queues: Queues;
    /** Tells running workers that gateways changed, so none needs a restart. */
    notifier: GatewayNotifier;
  }
}

export interface QueuesPluginOptions {
  /**
   * Queues the caller created and will close (tests, the one-process demo sharing them with
   * workers). Without them the plugin connects to `REDIS_URL` and closes the connection with the app.
   */
  queues?: Queues | undefined;
  notifier?: GatewayNotifier | undefined;
}

/** BullMQ queues on Redis as `app.queues`, and the gateway-change notifier that shares their connection. */
export const queuesPlugin = fp<QueuesPluginOptions>(
  async (app, opts) => {
    let queues = opts.queues;
    if (!queues) {
      const connection = redisConnection(app.config.redis);
      logConnectionErrors(connection, app.log);
      const own = queuesFromConfig(connection, app.config);
      app.addHook('onClose', async () => {
        await own.close();
        await connection.quit();
      });
      queues = own;
    }
    app.decorate('queues', queues);
    app.decorate('notifier', opts.notifier ?? gatewayNotifier(queues.connection, queues.prefix));
  },
  { name: 'smsgw-queues', fastify: '5.x', dependencies: ['smsgw-config'] },
);
