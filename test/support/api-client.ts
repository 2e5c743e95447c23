/**
 * The HTTP client tests use against a listening API (the worker harness, the end-to-end and
 * standalone tests): bearer key, JSON in, JSON out. In-process API tests use `app.inject`
 * (apps/api/test/helpers.ts) instead.
 */
export interface ApiResponse {
  status: number;
  /** The body, a JSON object (the API answers nothing else); `{}` when the body is empty. */
  json: Record<string, unknown>;
}

export type ApiCall = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

export function apiClient(baseUrl: string, key: string): ApiCall {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    // Fail here, where the cause is plain, rather than on a field read of an array or a string.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`${method} ${path} answered ${res.status} with a body that is not a JSON object: ${text.slice(0, 200)}`);
    }
    return { status: res.status, json: parsed as Record<string, unknown> };
  };
}
