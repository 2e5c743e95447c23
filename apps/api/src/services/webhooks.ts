import { AppError, isAppError } from '@smsgw/core';
import { assertUrlAllowed } from '@smsgw/gateways';

/**
 * Checks a webhook URL before it is stored: http(s), and not a private address unless private
 * targets are allowed (the same SSRF rule as gateway URLs; delivery checks again at connect time).
 *
 * @param allowPrivate - `config.allowPrivateWebhooks` (SMSGW_ALLOW_PRIVATE_WEBHOOKS), never the
 *   gateways' switch: any account sets webhook URLs, only operators set gateway URLs.
 */
export async function assertWebhookUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await assertUrlAllowed(url, allowPrivate);
  } catch (err) {
    if (isAppError(err)) throw new AppError('webhook_url_not_allowed', err.message.replace(/^Gateway URL/, 'Webhook URL'), { cause: err });
    throw err;
  }
}
