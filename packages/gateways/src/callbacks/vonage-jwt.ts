import { createHash } from 'node:crypto';
import { headerValue, isPlainObject, type CallbackRequest } from './request.js';
import { decodeBase64Url, decodeHex, fail, hmac, OK, safeEqual, type SignatureCheck } from './sig-util.js';

/**
 * Vonage signed webhooks (Messages and Voice APIs;
 * https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks):
 * `Authorization: Bearer <JWT>`, HS256 keyed by the account's signature secret. The claims carry
 * `iat` and, for a body, `payload_hash` = hex SHA-256 of the raw body (for a GET, of the query
 * parameters as compact JSON in their order). The signature is checked before any claim is
 * trusted; only HS256 is accepted, so a token cannot choose `none` or another algorithm.
 */

/** How far `iat` may be from now, either way (the token is issued when the webhook is sent). */
export const VONAGE_MAX_AGE_SECONDS = 300;

export function verifyVonageJwt(req: CallbackRequest, secret: string, now: Date): SignatureCheck {
  const auth = headerValue(req.headers, 'authorization');
  const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth.trim()) : null;
  if (!m?.[1]) return fail('missing Authorization: Bearer token');
  const parts = m[1].split('.');
  if (parts.length !== 3) return fail('the bearer token is not a JWT');
  const [h64 = '', p64 = '', s64 = ''] = parts;

  const header = decodeJson(h64);
  if (!isPlainObject(header) || header['alg'] !== 'HS256') return fail('the JWT is not HS256');
  const given = decodeBase64Url(s64);
  if (!given || !safeEqual(given, hmac('sha256', secret, `${h64}.${p64}`))) return fail('the JWT signature does not match');

  const claims = decodeJson(p64);
  if (!isPlainObject(claims)) return fail('the JWT claims are not an object');
  const nowSec = Math.floor(now.getTime() / 1000);
  const iat = claims['iat'];
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return fail('the JWT has no iat');
  if (nowSec - iat > VONAGE_MAX_AGE_SECONDS) return fail('the JWT is too old');
  if (iat - nowSec > VONAGE_MAX_AGE_SECONDS) return fail('the JWT is issued in the future');
  const exp = claims['exp'];
  if (typeof exp === 'number' && nowSec > exp) return fail('the JWT has expired');
  const nbf = claims['nbf'];
  if (typeof nbf === 'number' && nbf - nowSec > VONAGE_MAX_AGE_SECONDS) return fail('the JWT is not valid yet');

  const payloadHash = claims['payload_hash'];
  if (payloadHash !== undefined) {
    const stated = typeof payloadHash === 'string' ? decodeHex(payloadHash) : undefined;
    const actual = createHash('sha256').update(signedPayload(req), 'utf8').digest();
    if (!stated || !safeEqual(stated, actual)) return fail('payload_hash does not match the body');
  }
  return OK;
}

function decodeJson(b64url: string): unknown {
  const raw = decodeBase64Url(b64url);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** What payload_hash covers: the raw body, or for a GET the query as JSON in the order sent. */
function signedPayload(req: CallbackRequest): string {
  if (req.method.toUpperCase() !== 'GET') return req.rawBody;
  try {
    return JSON.stringify(Object.fromEntries(new URL(req.url).searchParams));
  } catch {
    return '';
  }
}
