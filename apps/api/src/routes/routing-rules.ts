import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { conflict, GATEWAY_NAME_RE, newId, notFound, unprocessable } from '@smsgw/core';
import { deleteRoute, getRoute, insertRoute, listGateways, listRoutes, updateRoute, type RouteRow } from '@smsgw/db';
import type { DirectoryCache } from '../services/directory.js';
import { parseBody } from '../services/gateway-admin.js';

const target = z
  .object({
    gateway: z.string().regex(GATEWAY_NAME_RE),
    rank: z.number().int().min(0).max(100).default(0),
    weight: z.number().int().min(0).max(10_000).default(1),
  })
  .strict();
const fields = {
  position: z.number().int().min(-100_000).max(100_000).optional(),
  match: z
    .object({
      prefix: z.string().regex(/^\+?\d{1,15}$/, 'digits of an E.164 prefix').optional(),
      country: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166 country code').optional(),
    })
    .strict()
    .optional(),
  targets: z.array(target).min(1).max(50),
  enabled: z.boolean().optional(),
};
const createSchema = z.object({ name: z.string().regex(GATEWAY_NAME_RE), ...fields }).strict();
const patchSchema = z.object({ ...fields, targets: fields.targets.optional() }).strict();

function routeView(r: RouteRow) {
  return {
    name: r.name,
    position: r.position,
    match: { prefix: r.matchPrefix, country: r.matchCountry },
    targets: r.targets,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Routing rules (admin): the first enabled rule (by position) whose prefix / country matches a
 * recipient gives its gateways — by rank for failover, weighted within a rank for load sharing.
 */
export function routingRuleRoutes(app: FastifyInstance, directory: DirectoryCache): void {
  const admin = { admin: true };
  const checkTargets = async (targets: { gateway: string }[]) => {
    const known = new Set((await listGateways(app.deps.db)).map((g) => g.name));
    const missing = targets.map((t) => t.gateway).filter((g) => !known.has(g));
    if (missing.length > 0) throw unprocessable('unknown_gateway', `No gateway named ${missing.join(', ')}`);
  };

  app.get('/v1/routes', { config: admin, schema: { tags: ['routing'], summary: 'List routing rules' } }, async () => ({
    data: (await listRoutes(app.deps.db)).map(routeView),
  }));

  app.post('/v1/routes', { config: admin, schema: { tags: ['routing'], summary: 'Add a routing rule', body: z.toJSONSchema(createSchema, { io: 'input' }) } }, async (request, reply) => {
    const input = parseBody(createSchema, request.body);
    if (await getRoute(app.deps.db, input.name)) throw conflict('route_exists', `A route named "${input.name}" exists`);
    await checkTargets(input.targets);
    const row = await insertRoute(app.deps.db, {
      id: newId('rte'),
      name: input.name,
      position: input.position ?? 0,
      matchPrefix: input.match?.prefix?.replace(/^\+/, '') ?? null,
      matchCountry: input.match?.country?.toUpperCase() ?? null,
      targets: input.targets,
      enabled: input.enabled ?? true,
    });
    directory.invalidate();
    return reply.status(201).send(routeView(row));
  });

  app.patch<{ Params: { name: string } }>('/v1/routes/:name', { config: admin, schema: { tags: ['routing'], summary: 'Change a routing rule' } }, async (request) => {
    const input = parseBody(patchSchema, request.body);
    if (input.targets) await checkTargets(input.targets);
    const row = await updateRoute(app.deps.db, request.params.name, {
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.match !== undefined
        ? { matchPrefix: input.match.prefix?.replace(/^\+/, '') ?? null, matchCountry: input.match.country?.toUpperCase() ?? null }
        : {}),
      ...(input.targets ? { targets: input.targets } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    });
    if (!row) throw notFound('Route');
    directory.invalidate();
    return routeView(row);
  });

  app.delete<{ Params: { name: string } }>('/v1/routes/:name', { config: admin, schema: { tags: ['routing'], summary: 'Remove a routing rule' } }, async (request, reply) => {
    if (!(await deleteRoute(app.deps.db, request.params.name))) throw notFound('Route');
    directory.invalidate();
    return reply.status(204).send();
  });
}
