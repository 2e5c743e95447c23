import { decodeBase64, fail, hmac, OK, safeEqual, type SignatureCheck } from './sig-util.js';
import { headerValue } from './request.js';

/**
 * Standard Webhooks (https://www.standardwebhooks.com): the scheme of our own webhooks to the
 * application, and one a provider may use for its callbacks. The signed content is
 * `${id}.${timestamp}.${body}`, HMAC-SHA256 keyed by the secret's bytes: the base64 after an
 * optional `whsec_` prefix, as the specification's reference libraries read it.
 */

const PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The HMAC key of a Standard Webhooks secret, or undefined when it is not base64. */
export function standardWebhookKey(secret: string): Buffer | undefined {
  const text = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = decodeBase64(text);
  return key && key.length > 0 ? key : undefined;
}

function signature(key: Buffer, id: string, timestamp: string, body: string): Buffer {
  return hmac('sha256', key, `${id}.${timestamp}.${body}`);
}

/**
 * Signs one of our outgoing webhooks. Returns the three headers to send with `body` exactly as
 * signed. Throws when the secret is not `whsec_<base64>` (or bare base64): that is our own
 * configuration, not something a request can cause.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const key = standardWebhookKey(secret);
  if (!key) throw new Error('webhook secret must be whsec_ followed by base64');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new Error('webhook timestamp must be whole seconds');
  const ts = String(timestampSeconds);
  return {
    'webhook-id': id,
    'webhook-timestamp': ts,
    'webhook-signature': `v1,${signature(key, id, ts, body).toString('base64')}`,
  };
}

/**
 * Verifies a Standard Webhooks request: the timestamp within `toleranceSeconds` of `now` (either
 * way), and at least one `v1,<base64>` entry of the space-separated signature header matching.
 * Accepts the `svix-` header names too, which the same scheme was first published under.
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
  now: Date = new Date(),
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  const id = headerValue(headers, 'webhook-id') ?? headerValue(headers, 'svix-id');
  const ts = headerValue(headers, 'webhook-timestamp') ?? headerValue(headers, 'svix-timestamp');
  const sigs = headerValue(headers, 'webhook-signature') ?? headerValue(headers, 'svix-signature');
  if (!id || !ts || !sigs) return fail('missing webhook-id, webhook-timestamp or webhook-signature header');
  if (!/^\d{1,12}$/.test(ts)) return fail('webhook-timestamp is not a unix time');
  const age = Math.floor(now.getTime() / 1000) - Number(ts);
  if (Math.abs(age) > toleranceSeconds) return fail(age > 0 ? 'webhook-timestamp is too old' : 'webhook-timestamp is in the future');
  const key = standardWebhookKey(secret);
  if (!key) return fail('the configured secret is not whsec_ followed by base64');
  const expected = signature(key, id, ts, body);
  let matched = false;
  for (const entry of sigs.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = decodeBase64(entry.slice(comma + 1));
    // No early exit: every entry costs the same whether or not an earlier one matched.
    if (given && safeEqual(given, expected)) matched = true;
  }
  return matched ? OK : fail('no webhook-signature entry matches');
}
