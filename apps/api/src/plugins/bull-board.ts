import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { JOBS, sendQueueName, statusOf, type ErrorCode } from '@smsgw/core';
import { apiKeyFinder, listGateways } from '@smsgw/db';
import { basicCredentials } from '../services/authorization-header.js';

const BASE = '/admin/queues';

/**
 * Bull Board at /admin/queues, behind HTTP basic auth with an admin key as the password (a
 * browser cannot send a Bearer header). The queue list follows the gateways table, refreshed
 * on each page load, so a gateway added at run time shows up without a restart.
 */
export const bullBoardPlugin = fp(
  async (app) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BASE);
    const board = createBullBoard({ queues: [], serverAdapter, options: { uiConfig: { boardTitle: 'smsgw' } } });
    const { queues, db } = app;
    const find = apiKeyFinder(db);

    const refresh = async () => {
      const names = [
        ...(await listGateways(db)).map((g) => sendQueueName(g.name)),
        JOBS.webhook.queue,
        JOBS.webhookSlow.queue,
        JOBS.replyHandler.queue,
        JOBS.maintenance.queue,
      ];
      board.replaceQueues(names.map((n) => new BullMQAdapter(queues.get(n), { readOnlyMode: false })));
    };

    const guard = async (request: FastifyRequest, reply: FastifyReply) => {
      const password = basicCredentials(request.headers.authorization)?.password;
      const principal = password ? await find(password) : undefined;
      if (!principal?.admin) {
        const code: ErrorCode = 'unauthorized';
        return reply
          .status(statusOf(code))
          .header('www-authenticate', 'Basic realm="smsgw admin", charset="UTF-8"')
          .send({ error: { code, message: 'Admin credentials required (basic auth, admin API key as password)' } });
      }
      if (request.url === BASE || request.url.startsWith(`${BASE}?`) || request.url.startsWith(`${BASE}/api/queues`)) await refresh();
      return undefined;
    };

    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), public: true };
        route.schema = { ...(route.schema ?? {}), hide: true };
      });
      scope.addHook('onRequest', guard);
      await scope.register(serverAdapter.registerPlugin(), { prefix: BASE });
    });
  },
  { name: 'smsgw-bull-board', fastify: '5.x', dependencies: ['smsgw-database', 'smsgw-queues'] },
);
