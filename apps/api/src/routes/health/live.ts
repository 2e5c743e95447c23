import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Liveness: the process runs and answers. */
const liveRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { config: { public: true }, schema: { tags: ['ops'], hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
};

export default liveRoute;
