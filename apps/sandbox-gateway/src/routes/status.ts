import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../ledger.js';

export interface StatusDeps {
  ledger: Ledger;
  /** Whether an Authorization header passes (the same check as sends). */
  authorized(header: string | undefined): boolean;
}

const single = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * `GET /api/status?id=sbx_…` or `?reference=msg_…` → the message as the provider knows it, or
 * 404 `not_found` when it never accepted one: the lookup a client uses when a send's answer was
 * lost (smsgw's `statusQuery`). Lookups are not send requests, so they are not recorded.
 */
export function registerStatusRoute(app: FastifyInstance, deps: StatusDeps): void {
  app.get('/api/status', async (request, reply) => {
    if (!deps.authorized(request.headers.authorization)) {
      return reply.code(401).send({ error: { code: 'auth_failed', message: 'missing or wrong bearer token' } });
    }
    const query = (request.query ?? {}) as Record<string, unknown>;
    const id = single(query['id']);
    const reference = single(query['reference']);
    if (id === undefined && reference === undefined) {
      return reply.code(400).send({ error: { code: 'missing_parameter', message: 'give id or reference' } });
    }
    const found = deps.ledger.find({ id, reference });
    if (!found) return reply.code(404).send({ error: { code: 'not_found', message: 'no message with this id or reference' } });
    return found;
  });
}
