/**
 * Reading the `Authorization` header, in one place: API keys come as `Bearer <key>`, and HTTP basic
 * auth carries an admin key to Bull Board (browsers cannot send a Bearer header) and a gateway's
 * name and callback token on the legacy postback paths.
 */

/** The key of `Authorization: Bearer <key>`, if that is what the header holds. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

export interface BasicCredentials {
  /** May be empty: Bull Board ignores it, a legacy path needs it. */
  user: string;
  password: string;
}

/** The user and password of `Authorization: Basic …`; undefined when absent or not `user:password`. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}
