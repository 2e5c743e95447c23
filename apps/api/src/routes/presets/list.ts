import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listPresets } from '@smsgw/gateways';
import { errorResponses } from '../../schemas/errors.js';
import { presetList } from '../../schemas/gateways.js';

/** `GET /v1/presets`: what a gateway can be made from, and the credentials each needs. */
const listPresetsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/presets',
    {
      config: { scope: 'gateways:read' },
      schema: {
        tags: ['gateways'],
        summary: 'Gateway presets and the credentials each needs',
        response: { 200: presetList, ...errorResponses() },
      },
    },
    async () => ({ data: listPresets() }),
  );
};

export default listPresetsRoute;
