// The API client of the console: the key lives in sessionStorage (gone when the tab closes) and
// leaves only as `Authorization: Bearer` to this origin, never in a URL.
const KEY = 'smsgw.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Calls the API; answers the JSON body, or throws an ApiError with the API's code and message. */
export async function api(path, { method = 'GET', body, headers = {}, signal, key = session.key() } = {}) {
  if (!key) throw new ApiError(401, 'unauthorized', 'Not signed in');
  const res = await fetch(path, {
    method,
    signal,
    credentials: 'omit',
    cache: 'no-store',
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  // The signed-in key stopped working (revoked, expired): back to the sign-in page.
  if (res.status === 401 && key === session.key()) window.dispatchEvent(new Event('smsgw:signed-out'));
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText);
  return json;
}

/** A query string of the given values that are set. */
export function query(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** 32 hex characters; crypto.getRandomValues works outside secure contexts too (randomUUID does not). */
export function randomKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
