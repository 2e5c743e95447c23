import { z } from 'zod';
import { template } from './primitives.js';

/** How a gateway calls back: delivery reports and inbound replies, their fields and signatures. */

const timestampSchema = z
  .object({
    path: z.string().min(1),
    /** 'unix' (seconds), 'unix_ms', 'iso', or a strftime-like pattern (%Y %y %m %d %H %M %S). */
    format: z.string().default('iso'),
    /** Offset of naive timestamps, e.g. "+00:00"; default UTC. */
    timezone: z.string().optional(),
  })
  .strict();

export const signatureSchema = z.discriminatedUnion('scheme', [
  z.object({ scheme: z.literal('none') }).strict(),
  /** X-Twilio-Signature: HMAC-SHA1 of URL + sorted form params, keyed by the auth token. */
  z.object({ scheme: z.literal('twilio'), secret: template }).strict(),
  /** Vonage signed webhooks: a JWT (HS256) in Authorization: Bearer, with payload_hash. */
  z.object({ scheme: z.literal('vonage-jwt'), secret: template }).strict(),
  /** Plivo V3: X-Plivo-Signature-V3 + nonce, HMAC-SHA256 keyed by the auth token. */
  z.object({ scheme: z.literal('plivo-v3'), secret: template }).strict(),
  /** Generic: HMAC-SHA256 of the raw body in a header (hex or base64). */
  z
    .object({
      scheme: z.literal('hmac-sha256'),
      secret: template,
      header: z.string().min(1),
      encoding: z.enum(['hex', 'base64']).default('hex'),
      prefix: z.string().default(''),
    })
    .strict(),
  /** Vonage SMS API signed webhooks (`sig` + `timestamp` fields); enabled per account by Vonage. */
  z
    .object({
      scheme: z.literal('vonage-sms'),
      secret: template,
      algorithm: z.enum(['md5hash', 'md5', 'sha1', 'sha256', 'sha512']).default('md5hash'),
      toleranceSeconds: z.number().int().positive().default(300),
    })
    .strict(),
  /** Public-key signatures (Telnyx): base64 Ed25519 over `${timestamp}|${body}`; `secret` is the base64 public key. */
  z
    .object({
      scheme: z.literal('ed25519'),
      secret: template,
      signatureHeader: z.string().min(1).default('telnyx-signature-ed25519'),
      timestampHeader: z.string().min(1).default('telnyx-timestamp'),
      toleranceSeconds: z.number().int().positive().default(300),
    })
    .strict(),
  /**
   * MessageBird: an HMAC JWT in MessageBird-Signature-JWT whose claims hash the full URL and the
   * body. MessageBird's tokens live a minute; the leeway only absorbs clock skew.
   */
  z
    .object({
      scheme: z.literal('messagebird-jwt'),
      secret: template,
      leewaySeconds: z.number().int().min(0).max(300).default(5),
    })
    .strict(),
  /** Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature (v1,base64). */
  z
    .object({ scheme: z.literal('standard-webhooks'), secret: template, toleranceSeconds: z.number().int().positive().default(300) })
    .strict(),
]);
export type SignatureConfig = z.infer<typeof signatureSchema>;

/** What to answer the provider's callback with (some want a fixed body, e.g. "OK" or "<Response/>"). */
const callbackAnswer = z
  .object({
    status: z.number().int().min(200).max(299).default(200),
    contentType: z.string().default('text/plain'),
    body: z.string().default('OK'),
  })
  .strict();

export const REPORT_WORDS = ['accepted', 'buffered', 'sent', 'delivered', 'failed', 'expired'] as const;

export const statusCallbackSchema = z
  .object({
    /** Where the fields are: query string, form body, JSON body, or whichever the request has. */
    source: z.enum(['query', 'form', 'json', 'auto']).default('auto'),
    /** A path to an array when one callback carries many reports (Infobip's `results`). */
    each: z.string().optional(),
    messageId: z.string().min(1),
    status: z.string().min(1),
    errorCode: z.string().optional(),
    timestamp: timestampSchema.optional(),
    charge: z.string().optional(),
    currency: z.string().optional(),
    /** Our message id when the provider echoes the reference it was sent. */
    reference: z.string().optional(),
    partIndex: z.string().optional(),
    partCount: z.string().optional(),
    /** The provider's status words or codes → ours. Unmapped words are recorded, not applied. */
    statusMap: z.record(z.string(), z.enum(REPORT_WORDS)),
    signature: signatureSchema.default({ scheme: 'none' }),
    response: callbackAnswer.default({ status: 200, contentType: 'text/plain', body: 'OK' }),
  })
  .strict();

export const replyCallbackSchema = z
  .object({
    source: z.enum(['query', 'form', 'json', 'auto']).default('auto'),
    each: z.string().optional(),
    from: z.string().min(1),
    to: z.string().optional(),
    text: z.string().min(1),
    timestamp: timestampSchema.optional(),
    providerId: z.string().optional(),
    /** A field the provider echoes that links the reply to our message (its id or the gateway's). */
    reference: z.string().optional(),
    signature: signatureSchema.default({ scheme: 'none' }),
    response: callbackAnswer.default({ status: 200, contentType: 'text/plain', body: 'OK' }),
  })
  .strict();
