import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifying smsgw's webhooks in the receiving application. smsgw signs them the Standard
 * Webhooks way (https://www.standardwebhooks.com): headers `webhook-id` (the delivery id, the
 * same on every retry: drop repeats by it), `webhook-timestamp` (unix seconds) and
 * `webhook-signature` (`v1,<base64 HMAC-SHA256>` entries, space-separated) over
 * `${id}.${timestamp}.${body}`, keyed by the bytes of the account's `whsec_<base64>` secret.
 */

export type WebhookHeaders = Headers | Readonly<Record<string, string | string[] | undefined>>;

export interface VerifyWebhookOptions {
  /** The account's webhook secret, as `GET /v1/account` shows it (`whsec_…`). */
  secret: string;
  /** The request's headers (any case), or a fetch `Headers`. */
  headers: WebhookHeaders;
  /** The raw body exactly as received: re-serialized JSON does not verify. */
  body: string | Uint8Array;
  /** How far the timestamp may be from now, either way (default 300 s): older requests are replays. */
  toleranceSeconds?: number;
  /** The current time (tests). */
  now?: Date;
}

export type WebhookVerification = { ok: true; id: string; timestamp: number } | { ok: false; reason: string };

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value.join(' ') : value;
  }
  return undefined;
}

function secretKey(secret: string): Buffer | undefined {
  const text = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length > 0 ? key : undefined;
}

/**
 * Checks a webhook's signature and age. Returns `{ok: true, id, timestamp}` or why not; it never
 * throws on a bad request. The comparison takes the same time whichever entry (if any) matches.
 */
export function verifyWebhook(options: VerifyWebhookOptions): WebhookVerification {
  const tolerance = options.toleranceSeconds ?? 300;
  const id = header(options.headers, 'webhook-id') ?? header(options.headers, 'svix-id');
  const ts = header(options.headers, 'webhook-timestamp') ?? header(options.headers, 'svix-timestamp');
  const signatures = header(options.headers, 'webhook-signature') ?? header(options.headers, 'svix-signature');
  if (!id || !ts || !signatures) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'webhook-timestamp is not a unix time' };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const age = now - Number(ts);
  if (Math.abs(age) > tolerance)
    return { ok: false, reason: age > 0 ? 'webhook-timestamp is too old' : 'webhook-timestamp is in the future' };
  const key = secretKey(options.secret);
  if (!key) return { ok: false, reason: 'the secret is not whsec_ followed by base64' };
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : Buffer.from(options.body);
  const expected = createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest();
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value, 'base64');
    // No early exit, and equal lengths before the constant-time compare.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched ? { ok: true, id, timestamp: Number(ts) } : { ok: false, reason: 'no webhook-signature entry matches' };
}
