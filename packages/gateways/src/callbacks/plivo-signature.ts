import { formPairs, headerValue, isFormType, type CallbackRequest } from './request.js';
import { decodeBase64, fail, hmac, OK, safeEqual, type SignatureCheck } from './sig-util.js';

/**
 * Plivo's X-Plivo-Signature-V3, as Plivo's SDKs compute it (plivo-python utils/signature_v3.py,
 * plivo-node utils/v3Security.js; the docs defer to them): base64 HMAC-SHA256, keyed by the auth
 * token, of `<signed url>.<X-Plivo-Signature-V3-Nonce>`, where the signed URL is the URL without
 * its query, then
 *   GET:  `?` + the query parameters decoded and sorted, as `k=v` joined by `&` (nothing if none);
 *   POST: `?` + that sorted query, `.` if there was a query, then every form parameter as
 *         name+value sorted by name (just the sorted query, or the bare URL, when there are none).
 * The header may hold several comma-separated signatures (one per active token); any may match.
 * X-Plivo-Signature-Ma-V3 (signed with the main account's token) is accepted the same way.
 */
export function verifyPlivoV3(req: CallbackRequest, authToken: string): SignatureCheck {
  const nonce = headerValue(req.headers, 'x-plivo-signature-v3-nonce');
  const sigs = [headerValue(req.headers, 'x-plivo-signature-v3'), headerValue(req.headers, 'x-plivo-signature-ma-v3')]
    .filter((s): s is string => s !== undefined && s !== '')
    .join(',');
  if (!nonce || sigs === '') return fail('missing X-Plivo-Signature-V3 or X-Plivo-Signature-V3-Nonce header');

  const method = req.method.toUpperCase();
  const post = method === 'POST' && isFormType(req.contentType) ? formPairs(req.rawBody) : [];
  const expected = hmac('sha256', authToken, `${plivoSignedUrl(req.url, method, post)}.${nonce}`);
  let matched = false;
  for (const entry of sigs.split(',')) {
    const given = decodeBase64(entry.trim());
    if (given && safeEqual(given, expected)) matched = true;
  }
  return matched ? OK : fail('X-Plivo-Signature-V3 does not match');
}

/** The string Plivo signs before `.nonce`, for a request to `url` with these POST parameters. */
export function plivoSignedUrl(url: string, method: string, post: ReadonlyArray<readonly [string, string]>): string {
  const noFragment = url.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  // Plivo signs scheme, host (and port) and path as written, not a normalised form of them.
  const base = q < 0 ? noFragment : noFragment.slice(0, q);
  const query = sortedQuery(q < 0 ? [] : [...new URLSearchParams(noFragment.slice(q + 1))]);
  if (method === 'GET') return query === '' ? base : `${base}?${query}`;
  if (post.length === 0) return query === '' ? base : `${base}?${query}`;
  return `${base}?${query}${query === '' ? '' : '.'}${sortedPostParams(post)}`;
}

function grouped(pairs: ReadonlyArray<readonly [string, string]>): Array<[string, string[]]> {
  const byName = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    const values = byName.get(k);
    if (values) values.push(v);
    else byName.set(k, [v]);
  }
  return [...byName.keys()].sort().map((k) => [k, (byName.get(k) ?? []).sort()]);
}

function sortedQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return grouped(pairs)
    .flatMap(([k, values]) => values.map((v) => `${k}=${v}`))
    .join('&');
}

function sortedPostParams(pairs: ReadonlyArray<readonly [string, string]>): string {
  return grouped(pairs)
    .flatMap(([k, values]) => values.map((v) => k + v))
    .join('');
}
