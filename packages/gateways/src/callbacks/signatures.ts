import type { SignatureConfig } from '../config/schema.js';
import { verifyEd25519 } from './ed25519-signature.js';
import { verifyMessageBirdJwt } from './messagebird-jwt.js';
import { verifyPlivoV3 } from './plivo-signature.js';
import { headerValue, type CallbackRequest } from './request.js';
import { decodeBase64, decodeHex, fail, hmac, OK, safeEqual, type SignatureCheck } from './sig-util.js';
import { verifyTwilio } from './twilio-signature.js';
import { verifyVonageJwt } from './vonage-jwt.js';
import { verifyVonageSms } from './vonage-sms-signature.js';
import { verifyWebhook } from './webhook-signing.js';

export type { SignatureCheck } from './sig-util.js';

/**
 * Authenticates a provider callback beyond the secret path token, by the scheme the gateway's
 * config names. `secret` is the already rendered `sig.secret` (the Twilio auth token, the Vonage
 * signature secret…). Every comparison is constant-time; a failure's `reason` names what was
 * wrong (for logs) and never holds a secret or a signature. 'none' always passes.
 */
export function verifyCallbackSignature(
  sig: SignatureConfig,
  req: CallbackRequest,
  secret: string,
  now: Date = new Date(),
): SignatureCheck {
  if (sig.scheme === 'none') return OK;
  // An empty key is a valid HMAC key that anyone can use: treat it as a configuration hole.
  if (secret === '') return fail('no signature secret is configured');
  switch (sig.scheme) {
    case 'twilio':
      return verifyTwilio(req, secret);
    case 'vonage-jwt':
      return verifyVonageJwt(req, secret, now);
    case 'plivo-v3':
      return verifyPlivoV3(req, secret);
    case 'standard-webhooks':
      return verifyWebhook(secret, req.headers, req.rawBody, now, sig.toleranceSeconds);
    case 'hmac-sha256':
      return verifyBodyHmac(req, secret, sig.header, sig.encoding, sig.prefix);
    case 'ed25519':
      return verifyEd25519(req, secret, sig, now);
    case 'vonage-sms':
      return verifyVonageSms(req, secret, sig, now);
    case 'messagebird-jwt':
      return verifyMessageBirdJwt(req, secret, sig.leewaySeconds, now);
  }
}

/** A header holding `prefix` + HMAC-SHA256(raw body) in hex or base64, keyed by the secret. */
function verifyBodyHmac(req: CallbackRequest, secret: string, header: string, encoding: 'hex' | 'base64', prefix: string): SignatureCheck {
  const value = headerValue(req.headers, header)?.trim();
  if (!value) return fail(`missing ${header} header`);
  if (!value.startsWith(prefix)) return fail(`${header} does not start with the expected prefix`);
  const text = value.slice(prefix.length);
  const given = encoding === 'hex' ? decodeHex(text) : decodeBase64(text);
  if (!given) return fail(`${header} is not ${encoding}`);
  return safeEqual(given, hmac('sha256', secret, req.rawBody)) ? OK : fail(`${header} does not match`);
}
