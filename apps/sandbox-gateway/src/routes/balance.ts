import type { FastifyInstance } from 'fastify';
import type { Recorder } from '../record.js';

/** What each accepted send costs, as in the delivery reports' `price`. */
const PRICE_PER_SEND = 0.005;

export interface BalanceDeps {
  recorder: Recorder;
  /** Whether an Authorization header passes (the same check as sends). */
  authorized(header: string | undefined): boolean;
  /** Credit at start; every accepted send spends PRICE_PER_SEND of it. */
  startingBalance: number;
}

/**
 * `GET /api/balance` → `{"balance":"99.9850","currency":"EUR"}`: the account's credit, like the
 * providers' balance endpoints, so smsgw's balance query and refresh can be tried end to end.
 */
export function registerBalanceRoute(app: FastifyInstance, deps: BalanceDeps): void {
  app.get('/api/balance', async (request, reply) => {
    if (!deps.authorized(request.headers.authorization)) {
      return reply.code(401).send({ error: { code: 'auth_failed', message: 'missing or wrong bearer token' } });
    }
    const accepted = deps.recorder.requests().filter((r) => r.status === 200 && r.id !== null).length;
    const balance = deps.startingBalance - accepted * PRICE_PER_SEND;
    return { balance: balance.toFixed(4), currency: 'EUR' };
  });
}
