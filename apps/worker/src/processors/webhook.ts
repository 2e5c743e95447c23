import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { JobPayload } from '@smsgw/core';
import { getWebhookDelivery, recordWebhookAttempt, type Db } from '@smsgw/db';
import { executeRequest, signWebhook, SSRF_BLOCKED_CODE, type HttpLimits, type HttpResult } from '@smsgw/gateways';

export interface WebhookDeps {
  db: Db;
  /**
   * The worker's `webhookHttp` limits: gateway timeouts and size cap, but private addresses per
   * SMSGW_ALLOW_PRIVATE_WEBHOOKS (tenants choose webhook URLs; operators choose gateway URLs).
   */
  http: HttpLimits;
  now?: () => Date;
}

export interface WebhookJob {
  attemptsMade: number;
  maxAttempts: number;
  log: Logger;
}

export type WebhookResult = 'delivered' | 'skipped';

/** Thrown for a failed attempt: BullMQ retries it with exponential backoff until the attempts run out. */
export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
}

const USER_AGENT = 'smsgw-webhooks/1';

function describe(result: HttpResult): { statusCode: number | undefined; error: string | undefined; ok: boolean } {
  if (result.kind === 'error') return { statusCode: undefined, error: `${result.code}: ${result.message}`, ok: false };
  const ok = result.status >= 200 && result.status < 300;
  return { statusCode: result.status, error: ok ? undefined : `HTTP ${result.status}`, ok };
}

/**
 * Delivers one webhook event: POSTs the stored payload as JSON, signed the Standard Webhooks way
 * (webhook-id = the delivery id, the same on every retry so the receiver can drop repeats;
 * webhook-timestamp = now; webhook-signature over both and the body). A 2xx delivers it; anything
 * else is recorded on the delivery row and retried, and the last attempt marks it failed.
 */
export async function processWebhook(payload: JobPayload<'webhook'>, deps: WebhookDeps, job: WebhookJob): Promise<WebhookResult> {
  const found = await getWebhookDelivery(deps.db, payload.deliveryId);
  if (!found) throw new UnrecoverableError(`webhook delivery ${payload.deliveryId} not found`);
  const { delivery, secret } = found;
  if (delivery.state === 'delivered' || delivery.state === 'failed') return 'skipped';
  const log = job.log.child({ deliveryId: delivery.id, eventType: delivery.eventType, attempt: job.attemptsMade + 1 });
  const body = JSON.stringify(delivery.payload);
  const now = deps.now?.() ?? new Date();
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    ...signWebhook(secret, delivery.id, Math.floor(now.getTime() / 1000), body),
  };
  const result = await executeRequest({ method: 'POST', url: delivery.url, headers, body }, deps.http);
  const outcome = describe(result);
  if (outcome.ok) {
    await recordWebhookAttempt(deps.db, delivery.id, { state: 'delivered', statusCode: outcome.statusCode, error: undefined });
    log.info({ status: outcome.statusCode }, 'webhook delivered');
    return 'delivered';
  }
  // A refused address will be refused on every attempt: give up now.
  const blocked = result.kind === 'error' && result.code === SSRF_BLOCKED_CODE;
  const last = blocked || job.attemptsMade + 1 >= job.maxAttempts;
  await recordWebhookAttempt(deps.db, delivery.id, { state: last ? 'failed' : 'retrying', statusCode: outcome.statusCode, error: outcome.error });
  log.warn({ status: outcome.statusCode, error: outcome.error, final: last }, 'webhook attempt failed');
  const message = `webhook delivery failed: ${outcome.error ?? 'unknown error'}`;
  throw blocked ? new UnrecoverableError(message) : new WebhookDeliveryError(message);
}
