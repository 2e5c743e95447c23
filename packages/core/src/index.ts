// The package's API, named one by one: what the other packages and the apps import. A name used
// only inside core (or only by core's own tests, which import the module itself) is not listed.
export {
  AppError,
  ERROR_CODES,
  ERROR_STATUS,
  badRequest,
  forbidden,
  isAppError,
  notFound,
  statusOf,
  unauthorized,
  unprocessable,
  type ErrorCode,
  type ErrorDetails,
  type ErrorStatus,
} from './errors.js';
export { idAtTime, newId } from './ids.js';
export { ACCOUNT_SCOPES, SCOPES, effectiveScopes, hasScope, isScope, type Scope, type ScopedKey } from './scopes.js';
export {
  CANCELLABLE,
  CLAIMABLE,
  MESSAGE_STATUSES,
  NOTIFIED_STATUSES,
  REPORT_STATUSES,
  SCHEDULED_CLAIM_LEAD_MS,
  TERMINAL_STATUSES,
  decideReport,
  type MessageStatus,
  type ReportStatus,
} from './statuses.js';
export { countSegments, isGsm7, type Encoding, type SegmentInfo } from './segments.js';
// Being wired into the accept path: the whole module is public until its callers settle.
export {
  hasLookalike,
  replaceLookalikes,
  smartEncode,
  smartEncodingRecord,
  smartEncodingTable,
  type Replacement,
  type SmartEncoding,
  type SmartEncodingRecord,
  type SmartEncodingSkip,
} from './smart-encoding.js';
export { isKnownCountry, normalizePhone } from './phone.js';
export { optOutScopes, replyKeyword, replyNumber, type ReplyKeyword, type ReplyOwnership } from './reply-keywords.js';
export { TemplateError, renderTemplate, templateVariables, type TemplateVars } from './template.js';
export {
  afterQuietHours,
  isTimeZone,
  localSendTime,
  parseClock,
  wallTimeAt,
  zonedToUtc,
  type QuietHours,
  type WallTime,
} from './local-time.js';
export { maskPhone, redactText } from './mask.js';
export {
  GATEWAY_NAME_RE,
  JOBS,
  jobQueueName,
  parseJobPayload,
  sendDelayMs,
  sendQueueName,
  type JobBackoff,
  type JobName,
  type JobPayload,
  type JobRetention,
  type JobSpec,
  type JobTarget,
} from './jobs.js';
export { PermanentJobError, RetryableJobError, ThrottledJobError } from './job-errors.js';
export { ConfigError, envReader, type Env, type EnvReader } from './env.js';
export { isProduction, readRuntimeConfig, type RuntimeConfig } from './config.js';
export { describeRedisTarget, hasHashTag, type HostPort, type RedisTarget } from './redis-target.js';
// The public shapes of a message and a reply (webhooks and API answers alike).
export {
  messageWebhookData,
  replyWebhookData,
  replyWebhookPayload,
  type MessageReplyPayload,
  type MessageStatusPayload,
  type MessageWebhookData,
  type ReplyEventData,
  type ReplyWebhookData,
  type WebhookEventType,
  type WebhookPayload,
} from './payloads.js';
export { LOG_FORMATS, LOG_REDACT, loggableError, loggerOptions, readLogFormat, type LogFormatSetting } from './logging.js';
export { configOrExit, isDatabaseUnavailable, stopOnSignals, surviveLostConnections } from './process.js';
export { UNSTORABLE } from './storable.js';
