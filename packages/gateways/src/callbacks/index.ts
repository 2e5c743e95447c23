export { callbackFields, type CallbackRequest, type CallbackSource } from './request.js';
export { parseStatusCallback, mapStatus, type ParsedStatusReport } from './parse-status.js';
export { parseReplyCallback, MAX_REPLY_TEXT, type ParsedReply } from './parse-reply.js';
export { parseTimestamp } from './timestamps.js';
export { verifyCallbackSignature, type SignatureCheck } from './signatures.js';
export { signWebhook, verifyWebhook } from './webhook-signing.js';
export { storableText, storableDate, storableItem, storableJson } from './storable.js';
