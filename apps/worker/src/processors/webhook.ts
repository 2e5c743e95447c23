import { PermanentJobError, RetryableJobError, type JobPayload } from '@smsgw/core';
import { getWebhookDelivery, markWebhookDeferred, recordWebhookAttempt, type Db, type WebhookDeliveryRow } from '@smsgw/db';
import {
  CLIENT_CLOSED_CODE,
  executeRequest,
  signWebhook,
  SSRF_BLOCKED_CODE,
  type HttpLimits,
  type HttpResult,
  type RenderedRequest,
} from '@smsgw/gateways';
import type { JobContext } from '../job-context.js';
import type { Ticket, WebhookBreaker, WebhookLane } from '../webhook-breaker.js';

/** The lane a processor runs on, and what it needs to keep an endpoint's trouble to that endpoint. */
export interface WebhookLaneDeps {
  lane: WebhookLane;
  breaker: WebhookBreaker;
  /** Queues the delivery on the slow lane, its backoff continuing after `attemptsMade` attempts. */
  toSlowLane(deliveryId: string, attemptsMade: number): Promise<void>;
}

export interface WebhookDeps {
  db: Db;
  /**
   * The worker's `webhookHttp` limits: gateway timeouts and size cap, but private addresses per
   * SMSGW_ALLOW_PRIVATE_WEBHOOKS (tenants choose webhook URLs; operators choose gateway URLs).
   */
  http: HttpLimits;
  /** A keep-alive client made with `http` (createHttpClient); a connection per call when absent. */
  execute?: (req: RenderedRequest) => Promise<HttpResult>;
  /** The per-endpoint circuit breaker and lanes; without them every delivery is tried where it runs. */
  lanes?: WebhookLaneDeps;
  /** Told how each attempt ended, once its row is stored (the metrics' webhook counter); in-process only. */
  onAttempt?: (result: 'delivered' | 'retrying' | 'failed') => void;
  now?: () => Date;
}

/** `moved`: handed to the slow lane untried; `skipped`: finished already, or owned by the other lane's job. */
export type WebhookResult = 'delivered' | 'skipped' | 'moved';

const USER_AGENT = 'smsgw-webhooks/1';

function describe(result: HttpResult): { statusCode: number | undefined; error: string | undefined; ok: boolean } {
  if (result.kind === 'error') return { statusCode: undefined, error: `${result.code}: ${result.message}`, ok: false };
  const ok = result.status >= 200 && result.status < 300;
  return { statusCode: result.status, error: ok ? undefined : `HTTP ${result.status}`, ok };
}

// Failures that say nothing about the endpoint's health: our own refusal, our own shutdown.
const NOT_THE_ENDPOINT = new Set([SSRF_BLOCKED_CODE, CLIENT_CLOSED_CODE, 'ERR_INVALID_URL', 'UND_ERR_INVALID_ARG']);

/** Timeouts, connect errors and 5xx: an endpoint that holds or wastes a worker slot. A 4xx is a fast, live answer. */
function isEndpointFailure(result: HttpResult): boolean {
  return result.kind === 'error' ? !NOT_THE_ENDPOINT.has(result.code) : result.status >= 500;
}

/** The breaker's key: every URL of one origin shares a server, so they share its health. */
function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Hands an untried delivery to the slow lane; the row must not look lost to the sweep (see markWebhookDeferred). */
async function divert(deps: WebhookDeps, lanes: WebhookLaneDeps, delivery: WebhookDeliveryRow): Promise<void> {
  await lanes.toSlowLane(delivery.id, delivery.attempts);
  if (delivery.state === 'pending') await markWebhookDeferred(deps.db, delivery.id);
}

/** Tells the breaker how the call went (this also releases the delivery's lock, after the row is stored). */
async function report(
  lanes: WebhookLaneDeps,
  origin: string,
  id: string,
  ticket: Ticket,
  result: HttpResult,
  ok: boolean,
): Promise<boolean> {
  if (ok) {
    await lanes.breaker.succeeded(origin, id, lanes.lane, ticket);
    return false;
  }
  if (isEndpointFailure(result)) return lanes.breaker.failed(origin, id, lanes.lane);
  await lanes.breaker.release(id, lanes.lane);
  return false;
}

/**
 * Delivers one webhook event: POSTs the stored payload as JSON, signed the Standard Webhooks way
 * (webhook-id = the delivery id, the same on every retry so the receiver can drop repeats;
 * webhook-timestamp = now; webhook-signature over both and the body). A 2xx delivers it; anything
 * else is recorded on the delivery row and retried (RetryableJobError), and the last attempt marks
 * it failed (PermanentJobError).
 *
 * With `lanes`, an endpoint whose breaker is open is not called from the main lane: the delivery
 * moves to the slow lane untried (no attempt counted). The row's attempt count, not the job's,
 * decides the last attempt, since a delivery's attempts may be spread over a job on each lane.
 */
export async function processWebhook(
  payload: JobPayload<'webhook'>,
  deps: WebhookDeps,
  job: JobContext<'webhook'>,
): Promise<WebhookResult> {
  const found = await getWebhookDelivery(deps.db, payload.deliveryId);
  if (!found) throw new PermanentJobError(`webhook delivery ${payload.deliveryId} not found`);
  const { delivery, secret } = found;
  if (delivery.state === 'delivered' || delivery.state === 'failed') return 'skipped';
  const attempt = Math.max(delivery.attempts, job.attemptsMade) + 1;
  const lanes = deps.lanes;
  const log = job.log.child({ deliveryId: delivery.id, eventType: delivery.eventType, attempt, ...(lanes ? { lane: lanes.lane } : {}) });
  const origin = lanes ? originOf(delivery.url) : undefined;
  const ticket = lanes && origin ? await lanes.breaker.admit(origin, delivery.id, lanes.lane) : undefined;
  if (lanes && ticket?.admission === 'busy') {
    log.info('webhook delivery held by its job on the other lane');
    return 'skipped';
  }
  if (lanes && ticket?.admission === 'divert') {
    await divert(deps, lanes, delivery);
    log.info({ origin }, 'webhook endpoint circuit open: delivery moved to the slow lane');
    return 'moved';
  }
  const body = JSON.stringify(delivery.payload);
  const now = deps.now?.() ?? new Date();
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    ...signWebhook(secret, delivery.id, Math.floor(now.getTime() / 1000), body),
  };
  const request: RenderedRequest = { method: 'POST', url: delivery.url, headers, body };
  const result = await (deps.execute ? deps.execute(request) : executeRequest(request, deps.http));
  const outcome = describe(result);
  // A refused address will be refused on every attempt: give up now.
  const blocked = result.kind === 'error' && result.code === SSRF_BLOCKED_CODE;
  const last = !outcome.ok && (blocked || attempt >= job.maxAttempts);
  const state = outcome.ok ? 'delivered' : last ? 'failed' : 'retrying';
  await recordWebhookAttempt(deps.db, delivery.id, { state, statusCode: outcome.statusCode, error: outcome.error });
  deps.onAttempt?.(state);
  const open = lanes && origin && ticket ? await report(lanes, origin, delivery.id, ticket, result, outcome.ok) : false;
  if (outcome.ok) {
    log.info({ status: outcome.statusCode, probe: ticket?.admission === 'probe' }, 'webhook delivered');
    return 'delivered';
  }
  log.warn({ status: outcome.statusCode, error: outcome.error, final: last, circuitOpen: open }, 'webhook attempt failed');
  const message = `webhook delivery failed: ${outcome.error ?? 'unknown error'}`;
  // Permanent on the last attempt too: a slow-lane job may have BullMQ attempts left over.
  throw last ? new PermanentJobError(message) : new RetryableJobError(message);
}
