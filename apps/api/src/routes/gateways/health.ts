import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendQueueName } from '@smsgw/core';
import { listGateways, recentSendOutcomes } from '@smsgw/db';
import { gatewayHealthList } from '../../schemas/console.js';
import { errorResponses } from '../../schemas/errors.js';

/** How far back "recent" looks: the newest events, and no older than this. */
const WINDOW_EVENTS = 5000;
const WINDOW_MINUTES = 60;
const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/**
 * `GET /v1/gateway-health`: each gateway's send queue by state, what its recent sends came to
 * and its last known balance (stored by the balance check; this route never calls a provider).
 * Not under `/v1/gateways/` so that no gateway name is shadowed by it.
 */
const gatewayHealthRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/gateway-health',
    {
      config: { scope: 'gateways:read' },
      schema: {
        tags: ['gateways'],
        summary: "Gateways' health: send queue depth, recent send outcomes, last known balance",
        response: { 200: gatewayHealthList, ...errorResponses(403) },
      },
    },
    async () => {
      const [rows, outcomes] = await Promise.all([
        listGateways(app.db),
        recentSendOutcomes(app.db, { window: WINDOW_EVENTS, sinceMs: WINDOW_MINUTES * 60_000 }),
      ]);
      const data = await Promise.all(
        rows.map(async (g) => {
          const queue = app.queues.get(sendQueueName(g.name));
          const [counts, paused] = await Promise.all([queue.getJobCounts(...STATES), queue.isPaused()]);
          const recent: Record<string, number> = {};
          for (const o of outcomes) if (o.gateway === g.name) recent[o.type] = o.count;
          return {
            name: g.name,
            enabled: g.enabled,
            isDefault: g.isDefault,
            queue: { ...(Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0])) as Record<(typeof STATES)[number], number>), paused },
            recent,
            balance: g.creditRemaining === null ? null : { amount: g.creditRemaining, currency: g.creditCurrency },
            lastBalanceCheck: g.lastBalanceCheck?.toISOString() ?? null,
          };
        }),
      );
      return { data, window: { events: WINDOW_EVENTS, minutes: WINDOW_MINUTES } };
    },
  );
};

export default gatewayHealthRoute;
