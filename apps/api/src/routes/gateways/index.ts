import type { FastifyInstance } from 'fastify';
import { conflict, notFound } from '@smsgw/core';
import { getGateway, insertGateway, listGateways, updateGateway } from '@smsgw/db';
import { listPresets } from '@smsgw/gateways';
import {
  buildGatewayPatch,
  buildGatewayRow,
  createGatewaySchema,
  deleteUnusedGateway,
  gatewayView,
  parseBody,
  patchGatewaySchema,
} from '../../services/gateway-admin.js';
import type { DirectoryCache } from '../../services/directory.js';
import { z } from 'zod';

const admin = { admin: true };

/** Gateway management (admin keys). Every change tells the workers, so none needs a restart. */
export function gatewayRoutes(app: FastifyInstance, directory: DirectoryCache): void {
  const changed = async () => {
    directory.invalidate();
    await app.deps.notifier.gatewaysChanged();
  };

  app.get('/v1/presets', { schema: { tags: ['gateways'], summary: 'Gateway presets and the credentials each needs' } }, async () => ({
    data: listPresets(),
  }));

  app.get('/v1/gateways', { config: admin, schema: { tags: ['gateways'], summary: 'List gateways' } }, async () => {
    const rows = await listGateways(app.deps.db);
    return { data: rows.map((r) => gatewayView(r, app.deps.config)) };
  });

  app.post(
    '/v1/gateways',
    {
      config: admin,
      schema: { tags: ['gateways'], summary: 'Add a gateway from a preset or a full config', body: z.toJSONSchema(createGatewaySchema, { io: 'input' }) },
    },
    async (request, reply) => {
      const input = parseBody(createGatewaySchema, request.body);
      if (await getGateway(app.deps.db, input.name)) throw conflict('gateway_exists', `A gateway named "${input.name}" exists`);
      const row = await buildGatewayRow(input, app.deps.config);
      const created = await insertGateway(app.deps.db, row).catch(async (err: unknown) => {
        // Lost a race with a concurrent create of the same name.
        if (await getGateway(app.deps.db, input.name)) throw conflict('gateway_exists', `A gateway named "${input.name}" exists`);
        throw err;
      });
      await changed();
      return reply.status(201).send(gatewayView(created, app.deps.config));
    },
  );

  app.get<{ Params: { name: string } }>(
    '/v1/gateways/:name',
    { config: admin, schema: { tags: ['gateways'], summary: 'A gateway, with its callback URLs' } },
    async (request) => {
      const row = await getGateway(app.deps.db, request.params.name);
      if (!row) throw notFound('Gateway');
      return gatewayView(row, app.deps.config);
    },
  );

  app.patch<{ Params: { name: string } }>(
    '/v1/gateways/:name',
    {
      config: admin,
      schema: { tags: ['gateways'], summary: 'Change a gateway (null removes a credential or setting)', body: z.toJSONSchema(patchGatewaySchema, { io: 'input' }) },
    },
    async (request) => {
      const input = parseBody(patchGatewaySchema, request.body);
      const current = await getGateway(app.deps.db, request.params.name);
      if (!current) throw notFound('Gateway');
      const patch = await buildGatewayPatch(current, input, app.deps.config);
      const row = await updateGateway(app.deps.db, current.name, patch);
      if (!row) throw notFound('Gateway');
      await changed();
      return gatewayView(row, app.deps.config);
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/v1/gateways/:name',
    { config: admin, schema: { tags: ['gateways'], summary: 'Remove a gateway (409 gateway_in_use while messages are pending on it)' } },
    async (request, reply) => {
      await deleteUnusedGateway(app.deps.db, request.params.name);
      await changed();
      return reply.status(204).send();
    },
  );
}
