/**
 * Types over the generated `paths` (openapi.d.ts): what a route takes and answers, looked up by
 * method and path template, so `client.request('get', '/v1/messages/{id}', …)` is checked against
 * the API's own document.
 */
import type { components, paths } from './openapi.js';

export type Schemas = components['schemas'];
export type Message = Schemas['Message'];
export type MessageDetail = Schemas['MessageDetail'];
export type MessageStatus = Message['status'];
export type Batch = Schemas['Batch'];
export type BatchSummary = Schemas['BatchSummary'];
export type Reply = Schemas['Reply'];
export type Gateway = Schemas['Gateway'];
export type Account = Schemas['Account'];
export type ErrorCode = Schemas['ErrorCode'];

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The path templates that answer `M`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

/** The operation of a method on a path. */
export type Operation<M extends HttpMethod, P extends PathsWith<M>> = paths[P][M];

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : T extends { content?: never } ? undefined : unknown;

/** The query string an operation takes. */
export type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [never] ? undefined : Q) : undefined;
/** The `{name}` parameters of an operation's path. */
export type PathParamsOf<O> = O extends { parameters: { path: infer X } } ? ([X] extends [never] ? undefined : X) : undefined;
/** The JSON body an operation takes. */
export type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B | undefined
    : undefined;

type SuccessCode = 200 | 201 | 202 | 204;
/** The JSON body of an operation's success answers (a union when it has several). */
export type ResponseOf<O> = O extends { responses: infer R }
  ? { [S in SuccessCode & keyof R]: JsonOf<R[S]> }[SuccessCode & keyof R]
  : never;

/** What `request()` takes besides method and path. */
export interface RequestOptions<O = unknown> {
  params?: PathParamsOf<O>;
  query?: QueryOf<O>;
  body?: BodyOf<O>;
  /** Extra headers (an explicit `idempotency-key` wins over the generated one). */
  headers?: Record<string, string>;
  /** Overrides the client's retry count for this call. */
  retries?: number;
  signal?: AbortSignal;
}

/** What `raw()` takes: the same, untyped. */
export interface RawOptions {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  retries?: number;
  signal?: AbortSignal;
}

// ---- Keys and accounts (issue 11, item 1). ----

export type Scope = Schemas['Scope'];
export type ApiKey = Schemas['ApiKey'];
/** A key as created or rotated: the secret (`key`) is shown this once. */
export type ApiKeyWithSecret = Schemas['ApiKeyWithSecret'];
export type AdminAccount = Schemas['AdminAccount'];
export type AuditEntry = Schemas['AuditEntry'];
export type NewKey = BodyOf<paths['/v1/keys']['post']>;
export type NewAccount = BodyOf<paths['/v1/admin/accounts']['post']>;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
