import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '@smsgw/core';
import { parseReplyCallback, storableJson, type CallbackRequest } from '@smsgw/gateways';
import { receiveReply, type ReplyDeps } from '../../services/replies.js';
import {
  authenticateGateway,
  callbackParams,
  callbackSchema,
  checkSignature,
  replyDepsOf,
  toCallbackRequest,
  type CallbackGateway,
} from './context.js';

/** Inbound SMS: `/callbacks/<gateway>/<token>/reply`, GET or POST, as the provider sends them. */
const replyCallbackRoute: FastifyPluginAsyncZod = async (app) => {
  const deps = replyDepsOf(app);
  app.route({
    method: ['GET', 'POST'],
    url: '/callbacks/:gateway/:token/reply',
    schema: { ...callbackSchema, summary: 'Inbound messages (replies) from a gateway', params: callbackParams },
    handler: async (request, reply) => {
      const gw = await authenticateGateway(app, request.params.gateway, request.params.token);
      return handleReplyCallback(app, gw, request, reply, deps);
    },
  });
};

export default replyCallbackRoute;

/**
 * What is kept of the provider's request with each reply: enough to read it again, without the
 * headers or a legacy path's `token` parameter (secrets). Cleaned for jsonb (a NUL byte in a form
 * body or a query value would otherwise fail the insert, and the provider would retry forever).
 */
function rawOf(req: CallbackRequest): unknown {
  const query = Object.fromEntries(Object.entries(req.query).filter(([k]) => k !== 'token'));
  return storableJson({ method: req.method, contentType: req.contentType ?? null, query, body: req.rawBody });
}

/** Verifies, parses and stores a reply callback of an authenticated gateway (new and legacy paths). */
export async function handleReplyCallback(
  app: FastifyInstance,
  gw: CallbackGateway,
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ReplyDeps,
): Promise<FastifyReply> {
  const cfg = gw.config.replyCallback;
  if (!cfg) throw notFound('Reply callback for this gateway');
  const req = toCallbackRequest(app, request);
  checkSignature(app, gw, cfg.signature, req);
  const parsed = parseReplyCallback(cfg, req);
  const raw = rawOf(req);
  for (const item of parsed) await receiveReply(deps, gw.row.name, item, raw);
  return reply.status(cfg.response.status).type(cfg.response.contentType).send(cfg.response.body);
}
