import { RetryableJobError, ThrottledJobError, type JobPayload } from '@smsgw/core';
import type { ChangedMessage, MessageRow } from '@smsgw/db';
import {
  callbackUrls,
  classifyResult,
  isGatewayError,
  renderSendRequest,
  type RenderedRequest,
  type SendOutcome,
  type SubmitPlan,
} from '@smsgw/gateways';
import type { HttpGateway, LoadedGateway, SmppGateway } from '../gateway-cache.js';
import type { JobContext } from '../job-context.js';
import { applyOutcome, finish } from './send-outcome.js';
import type { SendDeps, SendResult } from './send-deps.js';

export type { FaultPoint, SendDeps, SendResult } from './send-deps.js';

/**
 * Sends one message: claim (only one process may send), render the gateway's request, send it,
 * and store what the response means. Two statements on the way (claim, outcome), each shared
 * with the other sends of this process in flight at the same moment. Never sends after an
 * ambiguous outcome, never sends a message it could not claim. A temporary failure with attempts
 * left throws RetryableJobError; a gateway (or the pacer) asking to wait throws ThrottledJobError.
 */
export async function processSend(payload: JobPayload<'send'>, deps: SendDeps, ctx: JobContext<'send'>): Promise<SendResult> {
  const id = payload.messageId;
  // Marked before the claim, so no instant exists in which the message is claimed without it:
  // a crash anywhere before the request leaves the marker, and the sweep queues the message again.
  // Another job for the same message marks its own token; only one of the claims can succeed.
  const token = await deps.unsent.mark(id);
  const claimed = await deps.hot.claim(id, ctx.gateway, token).catch(async (err: unknown) => {
    await deps.unsent.take(id, token).catch(() => undefined);
    throw err;
  });
  if (!claimed || claimed.status === 'failed') await deps.unsent.take(id, token);
  if (!claimed) {
    ctx.log.info('message not claimable (already handled, cancelled, or moved to another gateway)');
    return 'skipped';
  }
  if (claimed.status === 'failed') {
    // The recipient opted out after the message was accepted: failed by the claim (which wrote
    // and woke its webhook), nothing sent.
    return 'failed';
  }
  const marker = { token, held: true };
  try {
    const result = await sendClaimed(claimed, marker, deps, ctx);
    await deps.faultPoint?.('after-outcome', id);
    return result;
  } finally {
    // Whatever ended the job before a request (expiry, gateway fault, an error), the marker must
    // not outlive it: nothing was sent, and the row no longer says `sending`.
    if (marker.held) await deps.unsent.take(id, token).catch(() => undefined);
  }
}

async function sendClaimed(
  claimed: ChangedMessage,
  marker: { token: string; held: boolean },
  deps: SendDeps,
  ctx: JobContext<'send'>,
): Promise<SendResult> {
  const id = claimed.id;
  await deps.faultPoint?.('after-claim', id);
  const log = ctx.log.child({ attempt: claimed.attempts });
  if (claimed.validUntil && claimed.validUntil.getTime() <= Date.now()) {
    await finish(deps, claimed, {
      id: claimed.id,
      status: 'expired',
      statusMessage: 'validUntil passed before sending',
      event: { type: 'expired' },
    });
    return 'expired';
  }
  const prepared = await prepare(deps, claimed, ctx);
  if ('kind' in prepared) return applyOutcome(deps, claimed, ctx, prepared);
  const release = (detail: Record<string, unknown>) =>
    finish(deps, claimed, {
      id: claimed.id,
      status: 'queued',
      attempts: Math.max(0, claimed.attempts - 1),
      event: { type: 'released', detail },
    });
  let waitMs: number | { tooFar: number };
  try {
    waitMs = await reserveSlot(deps, prepared.gw, claimed);
  } catch (err) {
    // Nothing was sent: hand the message back rather than leave it `sending` (the sweep would
    // have to call it `unknown`), and let BullMQ retry the job.
    await release({ reason: 'rate limiter unavailable' });
    throw err;
  }
  if (typeof waitMs !== 'number') {
    // The gateway is booked further ahead than a claim may wait: hand the message back and pause
    // the queue until then (the slot was not taken, so the next try is not pushed further out).
    await release({ reason: 'rate limit', waitMs: waitMs.tooFar });
    throw new ThrottledJobError(waitMs.tooFar, 'rate limit slot too far ahead');
  }
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  // The last moment nothing can have been sent: from here on a crash may leave the message `unknown`.
  // HTTP takes it right before the request; SMPP once the bind and a window slot are held, right
  // before the first PDU is written.
  const takeMarker = async (): Promise<boolean> => {
    marker.held = false;
    const mine = await deps.unsent.take(id, marker.token).catch(async (err: unknown) => {
      await release({ reason: 'marker store unavailable' });
      throw err;
    });
    if (!mine) {
      // The marker is gone: the sweep took the message (it re-queues it), or Redis lost the
      // marker (FLUSHALL, a restart). Either way nothing was sent: hand the claim back (a no-op
      // if the sweep already did) and let the job try again rather than leave it to a sweep.
      ctx.log.warn('claimed-not-sent marker gone before sending; not sent, released');
      await release({ reason: 'claim marker lost before sending' });
      throw new RetryableJobError('claim marker lost before sending; nothing was sent');
    }
    return mine;
  };
  if ('plan' in prepared) {
    const started = performance.now();
    const sent = await deps.smpp.send(prepared.gw, claimed, prepared.plan, takeMarker);
    if (sent === 'skipped') return 'skipped';
    observeResponse(deps, prepared.gw.row.name, sent.outcome.kind, started);
    await deps.faultPoint?.('after-request', id);
    log.info({ outcome: sent.outcome.kind, parts: sent.parts }, 'send attempt');
    // A long message's gateway id is its first part's; every part's id goes in the event.
    const detail = sent.parts > 1 ? { parts: sent.parts, partIds: sent.partIds } : {};
    return applyOutcome(deps, claimed, ctx, sent.outcome, { gatewayMessageId: sent.partIds[0] || undefined, detail });
  }
  if (!(await takeMarker())) return 'skipped';
  const started = performance.now();
  const response = await deps.http(prepared.request);
  const outcome = classifyResult(prepared.gw.config, response);
  observeResponse(deps, prepared.gw.row.name, outcome.kind, started);
  await deps.faultPoint?.('after-request', id);
  log.info({ outcome: outcome.kind }, 'send attempt');
  return applyOutcome(deps, claimed, ctx, outcome);
}

/** One gateway answer: its class, and how long the request took (an SMPP send's includes its wait for a window slot). */
function observeResponse(deps: SendDeps, gateway: string, kind: SendOutcome['kind'], startedMs: number): void {
  deps.metrics?.gatewayResponses.inc({ gateway, class: kind });
  deps.metrics?.sendLatency.observe({ gateway }, (performance.now() - startedMs) / 1000);
}

type Prepared =
  | { gw: HttpGateway; request: RenderedRequest }
  | { gw: SmppGateway; plan: SubmitPlan }
  | Extract<SendOutcome, { kind: 'permanent' | 'temporary' }>;

const gatewayFault = (error: string): Extract<SendOutcome, { kind: 'permanent' }> => ({
  kind: 'permanent',
  error,
  gatewayFault: true,
  httpStatus: undefined,
});

/** The gateway and its rendered request, or the gateway's fault (another gateway may do better). */
async function prepare(deps: SendDeps, message: MessageRow, ctx: JobContext<'send'>): Promise<Prepared> {
  const gw = await deps.gateways.get(ctx.gateway).catch((err: unknown) => {
    ctx.log.error({ err }, 'gateway could not be loaded');
    return undefined;
  });
  if (!gw) return gatewayFault(`gateway ${ctx.gateway} is missing or misconfigured`);
  if (!gw.row.enabled) return gatewayFault(`gateway ${ctx.gateway} is disabled`);
  try {
    if (gw.kind === 'smpp') return { gw, plan: deps.smpp.plan(gw, message) };
    const urls = callbackUrls(deps.publicUrl, gw.row.name, gw.row.callbackToken);
    const request = renderSendRequest(gw.config, {
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
    return { gw, request };
  } catch (err) {
    // The gateway says what it is (a template or URL problem: the config's fault); anything else is a bug.
    if (!isGatewayError(err)) throw err;
    if (err.retryable) return { kind: 'temporary', error: err.message, httpStatus: undefined };
    return { kind: 'permanent', error: err.message, gatewayFault: err.gatewayFault, httpStatus: undefined };
  }
}

/**
 * The queue's limiter decides when jobs start; the pacer spaces the requests themselves. Returns
 * how long to wait for the reserved slot (0 for a gateway without a limit), or `tooFar` when the
 * next slot is more than `maxPaceWaitMs` away (nothing reserved).
 */
async function reserveSlot(deps: SendDeps, gw: LoadedGateway, message: MessageRow): Promise<number | { tooFar: number }> {
  const { rateLimitMax: max, rateLimitIntervalMs: intervalMs } = gw.row;
  if (max === null || intervalMs === null) return 0;
  const cost = gw.row.rateLimitPerSegment ? message.segments : 1;
  return deps.pacer.reserveWithin(gw.row.name, { max, intervalMs }, cost, deps.maxPaceWaitMs);
}

/** Stores an outcome (grouped); a report that beat it here is applied right after. */
