// The package's API, named one by one: what the apps, the root tests and the benchmark import.
// Everything else (extractors, the HTTP client's parts, SMPP internals…) is the engine's own;
// the package's tests reach it through relative paths.

// Configs, presets and loading a stored gateway.
export {
  gatewayKindOf,
  isSmppConfig,
  type AnyGatewayConfig,
  type GatewayConfig,
  type SignatureConfig,
  type SmppGatewayConfigInput,
} from './config/schema.js';
export { callbackUrls, resolveGatewayConfig } from './resolve.js';
export { getPreset, listPresets, presetNames, presetsDir } from './presets.js';
export { mergeSettings, renderSendRequest, type RenderedRequest } from './render.js';
export { loadGateway, loadHttpGateway, readCredentials, type HttpGateway, type LoadedGateway, type SmppGateway } from './load.js';
export { constantTimeEqual, decryptSecret, encryptSecret } from './crypto.js';
export { isGatewayError } from './errors.js';

// Sending over HTTP, and what came of it.
export { DEFAULT_LIMITS, SSRF_BLOCKED_CODE, executeRequest, type HttpLimits, type HttpResult } from './http.js';
export { CLIENT_CLOSED_CODE, createHttpClient } from './http-client.js';
export { assertUrlAllowed } from './ssrf.js';
export { classifyResult, type SendOutcome } from './classify.js';
export { parseStatusQuery, renderStatusQuery, type StatusLookup } from './status-query.js';
export { queryBalance } from './balance.js';
export { checkNumber, type NumberCheck } from './number-check.js';
export { convertDjangoGateways, type ConvertedDjangoGateway } from './migrate/django.js';

// Callbacks from providers, and webhooks to applications.
export {
  parseReplyCallback,
  parseStatusCallback,
  signWebhook,
  storableJson,
  verifyCallbackSignature,
  verifyWebhook,
  type CallbackRequest,
  type ParsedReply,
} from './callbacks/index.js';

// SMPP gateways.
export {
  SmppBind,
  SmppUnavailableError,
  classifyCommandStatus,
  concatOf,
  createPdu,
  decodePdu,
  decodedText,
  encodeGsm7,
  encodeUcs2,
  parseDeliverSm,
  parseSmppGatewayConfig,
  pduNumber,
  pduString,
  planSubmit,
  resolveAnyGatewayConfig,
  sendCapabilities,
  smpp,
  splitParts,
  submitMessage,
  type BindMode,
  type BindOptions,
  type ConcatInfo,
  type ParsedMo,
  type ParsedReceipt,
  type Pdu,
  type SmppSession,
  type SubmitPlan,
  type SubmitResult,
} from './smpp/index.js';
