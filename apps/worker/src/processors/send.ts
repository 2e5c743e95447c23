import type { Logger } from 'pino';
import { isAppError, type JobPayload } from '@smsgw/core';
import { applyPendingReports, claimMessage, transition, type Db, type MessageRow } from '@smsgw/db';
import {
  callbackUrls,
  classifyResult,
  executeRequest,
  renderSendRequest,
  type HttpLimits,
  type SendOutcome,
} from '@smsgw/gateways';
import type { Pacer, Queues } from '@smsgw/queues';
import type { GatewayCache } from '../gateway-cache.js';

export interface SendDeps {
  db: Db;
  queues: Queues;
  gateways: GatewayCache;
  http: HttpLimits;
  publicUrl: string;
  /** Spaces each rate-limited gateway's requests evenly across all workers. */
  pacer: Pacer;
  /** Called after a status change (webhooks to the application hang here). */
  onChange: (message: MessageRow) => Promise<void>;
}

/** What the BullMQ wrapper tells the processor about the job, and lets it do. */
export interface SendJobContext {
  gateway: string;
  attemptsMade: number;
  maxAttempts: number;
  log: Logger;
  /** Pauses this gateway's queue (all workers) for `ms`; the job goes back without using an attempt. */
  throttle(ms: number): Promise<never>;
}

/** Thrown for a temporary failure with attempts left: BullMQ retries with backoff and jitter. */
export class RetryableSendError extends Error {
  override name = 'RetryableSendError';
}

export type SendResult = 'sent' | 'failed' | 'failover' | 'unknown' | 'expired' | 'skipped';

const DEFAULT_THROTTLE_MS = 1000;

/**
 * Sends one message: claim (only one process may send), render the gateway's request, send it,
 * and store what the response means. Never sends after an ambiguous outcome, never sends a
 * message it could not claim.
 */
export async function processSend(payload: JobPayload<'send'>, deps: SendDeps, ctx: SendJobContext): Promise<SendResult> {
  const claimed = await claimMessage(deps.db, payload.messageId, ctx.gateway);
  if (!claimed) {
    ctx.log.info('message not claimable (already handled, cancelled, or moved to another gateway)');
    return 'skipped';
  }
  const log = ctx.log.child({ attempt: claimed.attempts });
  if (claimed.validUntil && claimed.validUntil.getTime() <= Date.now()) {
    const row = await finish(deps, claimed.id, { status: 'expired', statusMessage: 'validUntil passed before sending' }, 'expired');
    if (row) await deps.onChange(row);
    return 'expired';
  }
  const outcome = await attempt(deps, claimed, ctx);
  log.info({ outcome: outcome.kind }, 'send attempt');
  return applyOutcome(deps, claimed, ctx, outcome);
}

async function attempt(deps: SendDeps, message: MessageRow, ctx: SendJobContext): Promise<SendOutcome> {
  const gw = await deps.gateways.get(ctx.gateway).catch((err: unknown) => {
    ctx.log.error({ err }, 'gateway could not be loaded');
    return undefined;
  });
  if (!gw) return { kind: 'permanent', error: `gateway ${ctx.gateway} is missing or misconfigured`, gatewayFault: true, httpStatus: undefined };
  if (!gw.row.enabled) return { kind: 'permanent', error: `gateway ${ctx.gateway} is disabled`, gatewayFault: true, httpStatus: undefined };
  let request;
  try {
    const urls = callbackUrls(deps.publicUrl, gw.row.name, gw.row.callbackToken);
    request = renderSendRequest(gw.config, {
      to: message.to,
      from: message.from ?? (typeof gw.settings['from'] === 'string' ? gw.settings['from'] : undefined),
      content: message.content,
      encoding: message.encoding,
      segments: message.segments,
      messageId: message.id,
      statusCallbackUrl: urls.status,
      replyCallbackUrl: urls.reply,
      credentials: gw.credentials,
      settings: gw.settings,
    });
  } catch (err) {
    // A template or URL problem is the gateway config's fault: another gateway may do better.
    if (isAppError(err)) return { kind: 'permanent', error: err.message, gatewayFault: true, httpStatus: undefined };
    throw err;
  }
  const { rateLimitMax: max, rateLimitIntervalMs: intervalMs } = gw.row;
  if (max !== null && intervalMs !== null) {
    // The queue's limiter decides when jobs start; the pacer spaces the requests themselves.
    await deps.pacer.wait(gw.row.name, { max, intervalMs }, gw.row.rateLimitPerSegment ? message.segments : 1);
  }
  const result = await executeRequest(request, deps.http);
  return classifyResult(gw.config, result);
}

async function finish(
  deps: SendDeps,
  id: string,
  set: Parameters<typeof transition>[3],
  type: string,
  detail: Record<string, unknown> = {},
): Promise<MessageRow | undefined> {
  return transition(deps.db, id, ['sending'], set, { type, detail });
}

async function failOrFailover(deps: SendDeps, message: MessageRow, error: string, gatewayFault: boolean, log: Logger): Promise<SendResult> {
  const next = gatewayFault ? message.routeGateways[message.routeIndex + 1] : undefined;
  if (next) {
    const row = await finish(
      deps,
      message.id,
      { status: 'queued', gateway: next, routeIndex: message.routeIndex + 1, attempts: 0, statusMessage: error },
      'failover',
      { from: message.gateway, to: next, reason: error },
    );
    if (row) {
      log.warn({ from: message.gateway, to: next }, 'failing over');
      // If this add fails, the row is `queued` on the new gateway and the sweep re-enqueues it.
      await deps.queues.enqueueSend(next, message.id).catch((err: unknown) => log.error({ err }, 'failover enqueue failed'));
    }
    return 'failover';
  }
  const row = await finish(deps, message.id, { status: 'failed', statusMessage: error }, 'failed', { error });
  if (row) await deps.onChange(row);
  return 'failed';
}

async function applyOutcome(deps: SendDeps, message: MessageRow, ctx: SendJobContext, outcome: SendOutcome): Promise<SendResult> {
  switch (outcome.kind) {
    case 'accepted': {
      const row = await finish(
        deps,
        message.id,
        { status: 'sent', gatewayMessageId: outcome.gatewayMessageId ?? null, sentAt: new Date(), statusMessage: null },
        'sent',
        { gatewayMessageId: outcome.gatewayMessageId ?? null },
      );
      if (!row) return 'skipped';
      await deps.onChange(row);
      // Reports that beat the send response here were kept; apply them now that the id is stored.
      for (const r of await applyPendingReports(deps.db, row)) if (r.changed) await deps.onChange(r.changed);
      return 'sent';
    }
    case 'permanent':
      return failOrFailover(deps, message, outcome.error, outcome.gatewayFault, ctx.log);
    case 'temporary': {
      if (ctx.attemptsMade + 1 < ctx.maxAttempts) {
        await finish(deps, message.id, { status: 'queued', statusMessage: outcome.error }, 'retry', {
          error: outcome.error,
          httpStatus: outcome.httpStatus ?? null,
        });
        throw new RetryableSendError(outcome.error);
      }
      return failOrFailover(deps, message, `${outcome.error} (attempts exhausted)`, true, ctx.log);
    }
    case 'throttled': {
      await transition(
        deps.db,
        message.id,
        ['sending'],
        { status: 'queued', attempts: Math.max(0, message.attempts - 1), statusMessage: outcome.error },
        { type: 'throttled', detail: { retryAfterMs: outcome.retryAfterMs ?? null } },
      );
      return ctx.throttle(outcome.retryAfterMs ?? DEFAULT_THROTTLE_MS);
    }
    case 'ambiguous': {
      // The request may have reached the gateway: resending could deliver twice, so stop here.
      const row = await finish(deps, message.id, { status: 'unknown', statusMessage: outcome.error }, 'unknown', { error: outcome.error });
      if (!row) return 'unknown';
      await deps.onChange(row);
      // A report parked while we waited is the gateway's word that it did take the message.
      for (const r of await applyPendingReports(deps.db, row)) if (r.changed) await deps.onChange(r.changed);
      return 'unknown';
    }
  }
}

