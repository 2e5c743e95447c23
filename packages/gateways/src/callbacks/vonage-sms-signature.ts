import { createHash, createHmac } from 'node:crypto';
import { callbackFields, type CallbackRequest } from './request.js';
import { fail, OK, safeEqual, type SignatureCheck } from './sig-util.js';

export type VonageSmsAlgorithm = 'md5hash' | 'md5' | 'sha1' | 'sha256' | 'sha512';

/**
 * Vonage SMS API signed webhooks (an account option): every field but `sig`, sorted by name, as
 * `&name=value` with `&` and `=` in values replaced by `_`; then `md5hash` = MD5(that + secret),
 * or an HMAC of it keyed by the signature secret (hex, compared case-insensitively). The signed
 * `timestamp` field must be recent, so a captured webhook cannot be replayed later.
 */
export function verifyVonageSms(
  req: CallbackRequest,
  secret: string,
  opts: { algorithm: VonageSmsAlgorithm; toleranceSeconds: number },
  now: Date,
): SignatureCheck {
  const fields = callbackFields('auto', req);
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return fail('no signed fields');
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
  const sig = params['sig'];
  if (!sig) return fail('missing sig parameter');
  const timestamp = Number(params['timestamp']);
  if (!Number.isFinite(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > opts.toleranceSeconds) {
    return fail('missing or stale timestamp parameter');
  }
  const signed = Object.keys(params)
    .filter((k) => k !== 'sig')
    .sort()
    .map((k) => `&${k}=${(params[k] ?? '').replace(/[&=]/g, '_')}`)
    .join('');
  const expected =
    opts.algorithm === 'md5hash'
      ? createHash('md5')
          .update(signed + secret)
          .digest('hex')
      : createHmac(opts.algorithm, secret).update(signed).digest('hex');
  return safeEqual(Buffer.from(sig.toLowerCase()), Buffer.from(expected)) ? OK : fail('sig does not match');
}
