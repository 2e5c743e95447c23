export type { CallbackRequest } from './request.js';
export { parseStatusCallback } from './parse-status.js';
export { parseReplyCallback, type ParsedReply } from './parse-reply.js';
export { verifyCallbackSignature } from './signatures.js';
export { signWebhook, verifyWebhook } from './webhook-signing.js';
export { storableJson } from './storable.js';
