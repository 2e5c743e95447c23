import { createHash } from 'node:crypto';
import { formPairs, headerValue, isFormType, type CallbackRequest } from './request.js';
import { decodeBase64, decodeHex, fail, hmac, OK, safeEqual, type SignatureCheck } from './sig-util.js';

/**
 * Twilio's X-Twilio-Signature (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * base64 HMAC-SHA1, keyed by the auth token, of the full URL Twilio called followed by each POST
 * form parameter as name+value, sorted by name. A GET is signed over the URL alone (its
 * parameters are in it). A JSON body is not signed directly: Twilio adds `bodySHA256` (hex
 * SHA-256 of the body) to the URL and signs the URL.
 *
 * Twilio is inconsistent about default ports (its own SDKs try the URL with and without
 * `:443`/`:80`), so we do too. There is no timestamp, so no replay window can be checked.
 */
export function verifyTwilio(req: CallbackRequest, authToken: string): SignatureCheck {
  const header = headerValue(req.headers, 'x-twilio-signature');
  if (!header) return fail('missing X-Twilio-Signature header');
  const given = decodeBase64(header.trim());
  if (!given || given.length !== 20) return fail('X-Twilio-Signature is not a base64 HMAC-SHA1');
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return fail('the callback URL cannot be parsed');
  }

  const bodyHash = url.searchParams.get('bodySHA256');
  let params: Array<[string, string]> = [];
  if (bodyHash !== null) {
    const expected = createHash('sha256').update(req.rawBody, 'utf8').digest();
    const stated = decodeHex(bodyHash);
    if (!stated || !safeEqual(stated, expected)) return fail('bodySHA256 does not match the body');
  } else if (req.method.toUpperCase() === 'POST' && isFormType(req.contentType)) {
    params = formPairs(req.rawBody);
  }

  const suffix = sortedParams(params);
  let matched = false;
  for (const candidate of urlCandidates(req.url, url)) {
    if (safeEqual(hmac('sha1', authToken, candidate + suffix), given)) matched = true;
  }
  return matched ? OK : fail('X-Twilio-Signature does not match');
}

/** name+value for every pair, names sorted, a name's values sorted, exact repeats once (as Twilio's SDK). */
export function sortedParams(pairs: ReadonlyArray<readonly [string, string]>): string {
  const byName = new Map<string, Set<string>>();
  for (const [k, v] of pairs) {
    const values = byName.get(k) ?? new Set<string>();
    values.add(v);
    byName.set(k, values);
  }
  let out = '';
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...(byName.get(name) ?? [])].sort()) out += name + value;
  }
  return out;
}

/** The URL as given, normalised, without its port and with the scheme's default port. */
function urlCandidates(raw: string, url: URL): string[] {
  const without = new URL(url.href);
  without.port = '';
  const withPort =
    url.port !== ''
      ? url.href
      : `${url.protocol}//${url.username}${url.password ? `:${url.password}` : ''}${url.username || url.password ? '@' : ''}` +
        `${url.host}:${url.protocol === 'https:' ? '443' : '80'}${url.pathname}${url.search}${url.hash}`;
  return [...new Set([raw, url.href, without.href, withPort])];
}
