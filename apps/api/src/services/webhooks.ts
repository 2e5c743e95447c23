import type { Logger } from 'pino';
import { isAppError, unprocessable } from '@smsgw/core';
import { enqueueStatusWebhook, type Db, type MessageRow, type WebhookEnqueuer } from '@smsgw/db';
import { assertUrlAllowed } from '@smsgw/gateways';

/**
 * The API's hook after a callback changed a message: queue its `message.status` webhook. A
 * failure is logged, not raised: the report is applied and stored, and answering the provider
 * with an error would only make it send the report again.
 */
export function statusWebhookHook(db: Db, queues: WebhookEnqueuer, logger: Logger): (message: MessageRow) => Promise<void> {
  return async (message) => {
    try {
      await enqueueStatusWebhook(db, queues, message);
    } catch (err) {
      logger.error({ err, messageId: message.id }, 'status webhook could not be queued');
    }
  };
}

/**
 * Checks a webhook URL before it is stored: http(s), and not a private address unless private
 * targets are allowed (the same SSRF rule as gateway URLs; delivery checks again at connect time).
 */
export async function assertWebhookUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await assertUrlAllowed(url, allowPrivate);
  } catch (err) {
    if (isAppError(err)) throw unprocessable('webhook_url_not_allowed', err.message.replace(/^Gateway URL/, 'Webhook URL'));
    throw err;
  }
}
