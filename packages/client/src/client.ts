import { SmsgwError } from './errors.js';
import { type HttpCall, Transport, type TransportOptions } from './http.js';
import type {
  Account,
  AdminAccount,
  ApiKey,
  ApiKeyWithSecret,
  AuditEntry,
  Batch,
  BodyOf,
  Gateway,
  HttpMethod,
  Message,
  MessageDetail,
  MessageStatus,
  NewAccount,
  NewKey,
  Operation,
  Page,
  PathsWith,
  QueryOf,
  RawOptions,
  Reply,
  RequestOptions,
  ResponseOf,
} from './types.js';

export type ClientOptions = TransportOptions;

/** Statuses a message does not leave (`unknown` may still turn into one of them on a late report). */
export const FINAL_STATUSES: ReadonlySet<MessageStatus> = new Set(['delivered', 'failed', 'expired', 'cancelled']);

export type SendMessage = BodyOf<Operation<'post', '/v1/messages'>>;
export type BatchRequest = BodyOf<Operation<'post', '/v1/messages/batch'>>;
export type MessageQuery = NonNullable<QueryOf<Operation<'get', '/v1/messages'>>>;
export type ReplyQuery = NonNullable<QueryOf<Operation<'get', '/v1/replies'>>>;
export type NewGateway = BodyOf<Operation<'post', '/v1/gateways'>>;
export type AccountUpdate = BodyOf<Operation<'patch', '/v1/account'>>;
type BatchAnswer = Extract<ResponseOf<Operation<'post', '/v1/messages/batch'>>, { batchId: string }>;
/** One item's result in a batch answer: the stored message, or why that item was refused. */
export type BatchItem = BatchAnswer['data'][number];
/** A batch answer; `batchId` is null when nothing was stored (the API's 422 `batch_rejected`). */
export type BatchResult = Omit<BatchAnswer, 'batchId'> & { batchId: string | null };

export interface WatchOptions {
  /** Poll interval (default 1 s). */
  intervalMs?: number;
  /** Give up after this long (default: never), with an SmsgwError `watch_timeout`. */
  timeoutMs?: number;
  /** Called with the message whenever its status changes (and once at the start). */
  onChange?: (message: MessageDetail) => void;
  signal?: AbortSignal;
}

/**
 * The smsgw API, typed from its OpenAPI document. The named methods cover the everyday routes;
 * `request()` reaches any route of the document with its types, `raw()` any path at all.
 * Errors are SmsgwError; retries are described on Transport (http.ts).
 */
export class SmsgwClient {
  readonly #http: Transport;

  constructor(options: ClientOptions) {
    this.#http = new Transport(options);
  }

  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /** Any route of the document: `request('get', '/v1/messages/{id}', { params: { id } })`. */
  async request<M extends HttpMethod, P extends PathsWith<M>>(
    method: M,
    path: P,
    options: RequestOptions<Operation<M, P>> = {},
  ): Promise<ResponseOf<Operation<M, P>>> {
    return (await this.raw(method, path, options as RawOptions)) as ResponseOf<Operation<M, P>>;
  }

  /** Any path, untyped (routes newer than this client's document). */
  async raw(method: string, path: string, options: RawOptions = {}): Promise<unknown> {
    const call: HttpCall = {
      method,
      path,
      params: options.params,
      query: options.query,
      body: options.body,
      headers: options.headers,
      retries: options.retries,
      signal: options.signal,
    };
    return (await this.#http.call(call)).body;
  }

  readonly messages = {
    /** `POST /v1/messages`; pass `idempotencyKey` to make a resend of yours answer with the first message. */
    send: (body: SendMessage, opts: { idempotencyKey?: string } = {}): Promise<Message> =>
      this.request('post', '/v1/messages', { body, headers: idem(opts.idempotencyKey) }),
    get: (id: string): Promise<MessageDetail> => this.request('get', '/v1/messages/{id}', { params: { id } }),
    list: (query: MessageQuery = {}): Promise<Page<Message>> => this.request('get', '/v1/messages', { query }),
    /** Every page, newest first. */
    all: (query: MessageQuery = {}): AsyncGenerator<Message> => paginate((cursor) => this.messages.list({ ...query, cursor })),
    cancel: (id: string): Promise<Message> => this.request('post', '/v1/messages/{id}/cancel', { params: { id } }),
    /**
     * `POST /v1/messages/batch` (at most 1000 items). Refused items come back by index; when
     * none was stored the API's 422 is returned as a result with `batchId: null`, not thrown.
     */
    batch: async (body: BatchRequest, opts: { idempotencyKey?: string } = {}): Promise<BatchResult> => {
      try {
        return await this.request('post', '/v1/messages/batch', { body, headers: idem(opts.idempotencyKey) });
      } catch (err) {
        const answer = err instanceof SmsgwError && err.status === 422 ? (err.body as Partial<BatchAnswer> | undefined) : undefined;
        if (!answer || !Array.isArray(answer.data)) throw err;
        return { batchId: null, accepted: answer.accepted ?? 0, rejected: answer.rejected ?? answer.data.length, data: answer.data };
      }
    },
    /** Polls a message until it reaches a final status (delivered, failed, expired, cancelled). */
    watch: (id: string, opts: WatchOptions = {}): Promise<MessageDetail> => this.#watch(id, opts),
  };

  readonly batches = {
    get: (id: string): Promise<Batch> => this.request('get', '/v1/batches/{id}', { params: { id } }),
    list: (query: NonNullable<QueryOf<Operation<'get', '/v1/batches'>>> = {}) => this.request('get', '/v1/batches', { query }),
  };

  readonly replies = {
    list: (query: ReplyQuery = {}): Promise<Page<Reply>> => this.request('get', '/v1/replies', { query }),
  };

  readonly gateways = {
    list: async (): Promise<Gateway[]> => (await this.request('get', '/v1/gateways')).data,
    get: (name: string): Promise<Gateway> => this.request('get', '/v1/gateways/{name}', { params: { name } }),
    add: (body: NewGateway): Promise<Gateway> => this.request('post', '/v1/gateways', { body }),
    presets: () => this.request('get', '/v1/presets'),
  };

  readonly account = {
    get: (): Promise<Account> => this.request('get', '/v1/account'),
    update: (body: AccountUpdate): Promise<Account> => this.request('patch', '/v1/account', { body }),
  };

  /** The keys of the caller's own account (scope `account:admin`). */
  readonly keys = {
    create: (body: NewKey): Promise<ApiKeyWithSecret> => this.request('post', '/v1/keys', { body }),
    list: async (): Promise<ApiKey[]> => (await this.request('get', '/v1/keys')).data,
    /** A new secret; the old one is revoked now, or at `expiresOldAt` for an overlap. */
    rotate: (id: string, body: { expiresOldAt?: string } = {}): Promise<ApiKeyWithSecret> =>
      this.request('post', '/v1/keys/{id}/rotate', { params: { id }, body }),
    revoke: async (id: string): Promise<void> => {
      await this.request('delete', '/v1/keys/{id}', { params: { id } });
    },
  };

  /** Accounts and their keys, and the audit log (scope `admin`). */
  readonly accounts = {
    create: (body: NewAccount): Promise<AdminAccount> => this.request('post', '/v1/admin/accounts', { body }),
    list: (query: { cursor?: string; limit?: number } = {}): Promise<Page<AdminAccount>> =>
      this.request('get', '/v1/admin/accounts', { query }),
    get: (id: string): Promise<AdminAccount> => this.request('get', '/v1/admin/accounts/{id}', { params: { id } }),
    disable: (id: string): Promise<AdminAccount> => this.request('post', '/v1/admin/accounts/{id}/disable', { params: { id } }),
    enable: (id: string): Promise<AdminAccount> => this.request('post', '/v1/admin/accounts/{id}/enable', { params: { id } }),
    /** A key for another account. */
    createKey: (id: string, body: NewKey): Promise<ApiKeyWithSecret> =>
      this.request('post', '/v1/admin/accounts/{id}/keys', { params: { id }, body }),
    /** Another account's keys. */
    listKeys: async (id: string): Promise<ApiKey[]> => (await this.request('get', '/v1/admin/accounts/{id}/keys', { params: { id } })).data,
    /** Revokes any account's key. */
    revokeKey: async (keyId: string): Promise<void> => {
      await this.request('delete', '/v1/admin/keys/{id}', { params: { id: keyId } });
    },
    audit: (query: NonNullable<QueryOf<Operation<'get', '/v1/admin/audit'>>> = {}): Promise<Page<AuditEntry>> =>
      this.request('get', '/v1/admin/audit', { query }),
  };

  /** Closes the connection pool (when the client made its own). */
  close(): Promise<void> {
    return this.#http.close();
  }

  async #watch(id: string, opts: WatchOptions): Promise<MessageDetail> {
    const interval = opts.intervalMs ?? 1000;
    const deadline = opts.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.timeoutMs;
    let last: string | undefined;
    for (;;) {
      const message = await this.messages.get(id);
      if (message.status !== last) {
        last = message.status;
        opts.onChange?.(message);
      }
      if (FINAL_STATUSES.has(message.status)) return message;
      if (Date.now() + interval > deadline) {
        throw new SmsgwError({ status: 0, code: 'watch_timeout', message: `Message ${id} is still ${message.status}`, body: message });
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
      if (opts.signal?.aborted) throw opts.signal.reason;
    }
  }
}

function idem(key: string | undefined): Record<string, string> | undefined {
  return key === undefined ? undefined : { 'idempotency-key': key };
}

async function* paginate<T>(page: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    yield* p.data;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}
