import { createHash, createHmac } from 'node:crypto';
import { headerValue, isPlainObject, type CallbackRequest } from './request.js';
import { decodeBase64Url, decodeHex, fail, OK, safeEqual, type SignatureCheck } from './sig-util.js';

/**
 * MessageBird signed webhooks (https://developers.messagebird.com/docs/verify-http-requests, and
 * `lib/webhook-signature-jwt.js` of the official messagebird Node SDK): a JWT in the
 * `MessageBird-Signature-JWT` header, HMAC-signed with the account's signing key. Its claims:
 * `iss` "MessageBird", `nbf` and `exp` (a one-minute window), `jti`, `url_hash` = hex SHA-256 of
 * the full URL MessageBird called (scheme, host, path and query exactly as sent), and
 * `payload_hash` = hex SHA-256 of the raw body when there is one. The signature is checked
 * before any claim is read; a body without `payload_hash`, or a `payload_hash` without the body,
 * is refused, so neither can be added or removed in transit.
 */

export const MESSAGEBIRD_SIGNATURE_HEADER = 'messagebird-signature-jwt';

/** The HMAC family MessageBird's SDKs accept; anything else (`none` above all) is refused. */
const ALGORITHMS: Readonly<Record<string, 'sha256' | 'sha384' | 'sha512'>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

export function verifyMessageBirdJwt(req: CallbackRequest, secret: string, leewaySeconds: number, now: Date): SignatureCheck {
  const token = headerValue(req.headers, MESSAGEBIRD_SIGNATURE_HEADER)?.trim();
  if (!token) return fail('missing MessageBird-Signature-JWT header');
  const parts = token.split('.');
  if (parts.length !== 3) return fail('MessageBird-Signature-JWT is not a JWT');
  const [h64 = '', p64 = '', s64 = ''] = parts;

  const header = decodeJson(h64);
  const alg = isPlainObject(header) && typeof header['alg'] === 'string' ? header['alg'] : '';
  const hash = Object.hasOwn(ALGORITHMS, alg) ? ALGORITHMS[alg] : undefined;
  if (hash === undefined) return fail('the JWT is not HS256, HS384 or HS512');
  const given = decodeBase64Url(s64);
  const expected = createHmac(hash, secret).update(`${h64}.${p64}`, 'utf8').digest();
  if (!given || !safeEqual(given, expected)) return fail('the JWT signature does not match');

  const claims = decodeJson(p64);
  if (!isPlainObject(claims)) return fail('the JWT claims are not an object');
  if (claims['iss'] !== 'MessageBird') return fail('the JWT issuer is not MessageBird');
  const time = checkTime(claims, Math.floor(now.getTime() / 1000), leewaySeconds);
  if (!time.ok) return time;
  if (typeof claims['jti'] !== 'string' || claims['jti'] === '') return fail('the JWT has no jti');

  if (!hashMatches(claims['url_hash'], req.url)) return fail('url_hash does not match the URL');
  const payloadHash = claims['payload_hash'];
  if (payloadHash === undefined) {
    if (req.rawBody !== '') return fail('the body is not covered by a payload_hash');
  } else if (!hashMatches(payloadHash, req.rawBody)) {
    return fail('payload_hash does not match the body');
  }
  return OK;
}

/** `nbf` and `exp` are both required: a token without them could be replayed for ever. */
function checkTime(claims: Record<string, unknown>, nowSec: number, leeway: number): SignatureCheck {
  const nbf = claims['nbf'];
  const exp = claims['exp'];
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) return fail('the JWT has no nbf');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return fail('the JWT has no exp');
  if (nbf - leeway > nowSec) return fail('the JWT is not valid yet');
  if (exp + leeway <= nowSec) return fail('the JWT has expired');
  return OK;
}

function hashMatches(claim: unknown, text: string): boolean {
  const stated = typeof claim === 'string' ? decodeHex(claim) : undefined;
  return stated !== undefined && safeEqual(stated, createHash('sha256').update(text, 'utf8').digest());
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
