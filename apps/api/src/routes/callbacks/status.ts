import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordStatusReport } from '@smsgw/db';
import { observeReportApplied } from '@smsgw/metrics';
import { recheckUnmatched } from '../../services/late-reports.js';
import { parseStatusCallback } from '@smsgw/gateways';
import {
  authenticateGateway,
  callbackParams,
  callbackSchema,
  checkSignature,
  requireStatusConfig,
  toCallbackRequest,
  type CallbackGateway,
} from './context.js';

/** Delivery reports: `/callbacks/<gateway>/<token>/status`, GET or POST, as the provider sends them. */
const statusCallbackRoute: FastifyPluginAsyncZod = async (app) => {
  app.route({
    method: ['GET', 'POST'],
    url: '/callbacks/:gateway/:token/status',
    schema: { ...callbackSchema, summary: 'Delivery reports from a gateway', params: callbackParams },
    handler: async (request, reply) => {
      const gw = await authenticateGateway(app, request.params.gateway, request.params.token);
      return handleStatusCallback(app, gw, request, reply);
    },
  });
};

export default statusCallbackRoute;

/** Verifies, parses and applies a status callback of an authenticated gateway (new and legacy paths). */
export async function handleStatusCallback(
  app: FastifyInstance,
  gw: CallbackGateway,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const cfg = requireStatusConfig(gw);
  const req = toCallbackRequest(app, request);
  checkSignature(app, gw, cfg.signature, req);
  const reports = parseStatusCallback(cfg, req);
  for (const r of reports) {
    const outcome = await recordStatusReport(
      app.db,
      {
        gateway: gw.row.name,
        gatewayMessageId: r.gatewayMessageId,
        status: r.status,
        providerStatus: r.providerStatus,
        errorCode: r.errorCode,
        at: r.at,
        charge: r.charge,
        currency: r.currency,
        reference: r.reference,
        partIndex: r.partIndex,
        partCount: r.partCount,
        raw: r,
      },
      app.hotPath,
    );
    request.log.info({ gateway: gw.row.name, messageId: outcome.messageId, state: outcome.state, status: r.status }, 'status report');
    // The general path's change (the hot path's own are counted by the hot path).
    if (outcome.changed) observeReportApplied(app.metrics, outcome.changed);
    // Unmatched (no gateway id stored yet) or parked (the send still in flight): either may have
    // crossed its send's outcome, so it is looked at again shortly.
    if (outcome.state === 'unmatched' || outcome.state === 'parked') {
      recheckUnmatched(
        app.db,
        { gateway: gw.row.name, gatewayMessageId: r.gatewayMessageId, reference: r.reference },
        outcome.reportId,
        request.log,
      );
    }
  }
  return reply.status(cfg.response.status).type(cfg.response.contentType).send(cfg.response.body);
}
