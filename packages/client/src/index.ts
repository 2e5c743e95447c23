// The package's API, named one by one.
export { FINAL_STATUSES, SmsgwClient } from './client.js';
export type {
  AccountUpdate,
  BatchItem,
  BatchRequest,
  BatchResult,
  ClientOptions,
  MessageQuery,
  NewGateway,
  ReplyQuery,
  SendMessage,
  WatchOptions,
} from './client.js';
export { isSmsgwError, SmsgwError } from './errors.js';
export { IDEMPOTENT_POSTS, retryAfterMs, type TransportOptions } from './http.js';
export type { components, paths } from './openapi.js';
export type {
  Account,
  AdminAccount,
  ApiKey,
  ApiKeyWithSecret,
  AuditEntry,
  Batch,
  BatchSummary,
  ErrorCode,
  Gateway,
  HttpMethod,
  Message,
  MessageDetail,
  MessageStatus,
  NewAccount,
  NewKey,
  Page,
  RawOptions,
  Reply,
  RequestOptions,
  Scope,
} from './types.js';
export { type VerifyWebhookOptions, verifyWebhook, type WebhookHeaders, type WebhookVerification } from './webhooks.js';
