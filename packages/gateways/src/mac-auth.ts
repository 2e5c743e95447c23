import { createHmac, randomBytes } from 'node:crypto';

/**
 * HTTP MAC access authentication as SMSGlobal's REST API uses it
 * (https://www.smsglobal.com/rest-api/, draft-ietf-oauth-v2-http-mac-01): the header
 * `MAC id="<key>", ts="<unix s>", nonce="<random>", mac="<base64 HMAC-SHA256>"`, where the MAC
 * covers `ts \n nonce \n METHOD \n URI \n HOST \n PORT \n \n` (the empty line is the unused
 * "extra data"). It is the one auth kind that is not a pure function of the config and the
 * message: each request needs the current time and a nonce SMSGlobal has not seen before.
 */

/** The per-request inputs of a MAC; tests fix them, the sender leaves them to `freshSigning`. */
export interface RequestSigning {
  /** The moment the request is signed (its `ts`, in whole seconds). */
  at: Date;
  /** At most 32 characters, never reused: SMSGlobal refuses a nonce it has seen. */
  nonce: string;
}

export function freshSigning(): RequestSigning {
  return { at: new Date(), nonce: randomBytes(16).toString('hex') };
}

/**
 * The string the MAC covers. URI is the path with its query, HOST the URL's host as written
 * (its port only when it is not the scheme's default) and PORT the scheme's port: both exactly
 * as SMSGlobal's own Node SDK (smsglobal@1.2.5, lib/client.js) computes them, so our header
 * equals the SDK's for any base URL.
 */
export function macBaseString(method: string, url: URL, ts: number, nonce: string): string {
  const port = url.protocol === 'https:' ? 443 : 80;
  return `${ts}\n${nonce}\n${method.toUpperCase()}\n${url.pathname}${url.search}\n${url.host}\n${port}\n\n`;
}

/** The Authorization header value for one request. */
export function macAuthorization(id: string, secret: string, method: string, url: URL, signing: RequestSigning): string {
  const ts = Math.floor(signing.at.getTime() / 1000);
  const mac = createHmac('sha256', secret)
    .update(macBaseString(method, url, ts, signing.nonce), 'utf8')
    .digest('base64');
  return `MAC id="${id}", ts="${ts}", nonce="${signing.nonce}", mac="${mac}"`;
}
