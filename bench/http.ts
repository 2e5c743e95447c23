import { Pool } from 'undici';

export interface ApiResponse {
  status: number;
  json: unknown;
  /** Wall time of the request, from write to the last byte of the body, in milliseconds. */
  ms: number;
}

/** A keep-alive client for the API under test, as a real application would hold one. */
export interface ApiClient {
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** Opens a pool of `connections` keep-alive connections to `baseUrl`, authenticated with `key`. */
export function apiClient(baseUrl: string, key: string, connections: number): ApiClient {
  const pool = new Pool(baseUrl, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const auth = `Bearer ${key}`;
  return {
    async request(method, path, body) {
      const start = performance.now();
      const res = await pool.request({
        method,
        path,
        headers: body === undefined ? { authorization: auth } : { authorization: auth, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.body.text();
      const ms = performance.now() - start;
      let json: unknown = null;
      if (text !== '') {
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
      }
      return { status: res.statusCode, json, ms };
    },
    close: () => pool.close(),
  };
}

/**
 * Runs `task(0..count-1)` with at most `concurrency` in flight (a fixed set of loops pulling the
 * next index), so the client offers a steady load instead of one burst of `count` promises.
 */
export async function runConcurrent<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const loop = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, loop));
  return results;
}

/** A short description of an unexpected answer, for failure messages (no request content). */
export function describeAnswer(res: ApiResponse): string {
  const err = (res.json as { error?: { code?: unknown } } | null)?.error;
  return `HTTP ${res.status}${err && typeof err.code === 'string' ? ` ${err.code}` : ''}`;
}
