import { z } from 'zod';
import type { SmppGatewayConfig } from '../smpp/schema.js';

/**
 * The gateway config: everything smsgw knows about a provider's HTTP API, as data. A preset is
 * one of these in a JSON file; a custom gateway is one stored in its row. Versioned so a stored
 * config can be migrated when the format grows.
 *
 * Strings marked "template" are rendered by `renderTemplate` from @smsgw/core over
 * `{ to, from, content, messageId, statusCallbackUrl, replyCallbackUrl, encoding, segments,
 *    credentials.*, settings.* }` (filters: noplus, digits, upper, lower, ucs2hex, base64,
 * urlencode, default("x"), json).
 */

const template = z.string().max(4096);

/** A regular expression that compiles: a broken one would otherwise fail only when a response arrives. */
const regex = z
  .string()
  .min(1)
  .max(1024)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/** A JSON body may nest; every string leaf is a template, other leaves are sent as they are. */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };
const paramValue: z.ZodType<ParamValue> = z.lazy(() =>
  z.union([template, z.number(), z.boolean(), z.null(), z.array(paramValue), z.record(z.string(), paramValue)]),
);
const params = z.record(z.string().min(1).max(256), paramValue);

const authSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: template, password: template }),
  z.object({ type: z.literal('bearer'), token: template }),
  z.object({ type: z.literal('header'), name: z.string().min(1), value: template }),
  z.object({ type: z.literal('query'), params: z.record(z.string().min(1), template) }),
  /**
   * HTTP MAC access authentication (draft-ietf-oauth-v2-http-mac, as SMSGlobal's REST API uses
   * it): `Authorization: MAC id, ts, nonce, mac` over the request line, signed per request.
   */
  z.object({ type: z.literal('mac'), id: template, secret: template }),
]);
export type GatewayAuth = z.infer<typeof authSchema>;

/** Where a value is found in a response or callback. `json` and `field` take dotted paths (`a.b[0].c`). */
export const extractorSchema = z.union([
  z.object({ json: z.string().min(1) }).strict(),
  /** A regex over the raw body with a named group `value` (or the first group). */
  z.object({ regex }).strict(),
  z.object({ header: z.string().min(1) }).strict(),
]);
export type Extractor = z.infer<typeof extractorSchema>;

const statusMatcher = z.union([
  z.number().int().min(100).max(599),
  z.array(z.number().int().min(100).max(599)).min(1),
  /** A class such as "2xx", "4xx". */
  z.string().regex(/^[1-5]xx$/),
]);

/**
 * What a response means. `ambiguous`: the provider may have taken the message (a 500 after it
 * queued it, a 502/504 from a proxy whose upstream did), so it is marked unknown and never resent.
 */
export const OUTCOMES = ['accepted', 'permanent', 'temporary', 'throttled', 'ambiguous'] as const;

/** A provider's Retry-After is obeyed up to this (5 minutes) unless its config says otherwise. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;

/** One classification rule; the first rule whose every condition holds decides. */
const ruleSchema = z
  .object({
    status: statusMatcher.optional(),
    /** Regex over the raw body. */
    bodyMatches: regex.optional(),
    /** A JSON path that must exist / equal one of the values. */
    json: z
      .object({
        path: z.string().min(1),
        equals: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).optional(),
        exists: z.boolean().optional(),
      })
      .optional(),
    outcome: z.enum(OUTCOMES),
    /**
     * The failure is the gateway's (credentials, balance, disabled account), not the message's:
     * the message may fail over to the next gateway of its route.
     */
    gatewayFault: z.boolean().optional(),
    /** Where the provider's error text is, for this rule (overrides response.errorText). */
    error: extractorSchema.optional(),
  })
  .strict();
export type ResponseRule = z.infer<typeof ruleSchema>;

const responseSchema = z
  .object({
    messageId: extractorSchema.optional(),
    /**
     * Checked in order before the defaults: 2xx accepted, 429 throttled, 401/402/403 gateway fault,
     * other 4xx permanent, 503 temporary, every other 5xx ambiguous. A rule decides per status
     * where the provider documents otherwise (`{"status": 500, "outcome": "temporary"}`).
     */
    rules: z.array(ruleSchema).default([]),
    errorText: extractorSchema.optional(),
    /**
     * Longest wait a Retry-After may impose. A throttle pauses the gateway's whole queue, so a
     * provider (or a proxy) answering "come back in a week" must not stop sending for a week.
     */
    maxRetryAfterMs: z.number().int().min(0).max(3_600_000).default(DEFAULT_MAX_RETRY_AFTER_MS),
  })
  .strict();

const sendSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT']),
    url: template,
    auth: authSchema.default({ type: 'none' }),
    body: z.enum(['form', 'json', 'query', 'none']),
    params: params.default({}),
    headers: z.record(z.string().min(1), template).default({}),
    /** Leave out parameters whose rendered value is empty (an optional `from`, say). */
    omitEmpty: z.boolean().default(true),
    unicode: z
      .object({
        /** False: the provider cannot send UCS-2; such content is refused before sending. */
        supported: z.boolean().default(true),
        /** Merged over `params` when the content needs UCS-2 (`unicode=1`, `coding=8`, `type=unicode`…). */
        params: params.default({}),
        /** Merged over `params` when the content is GSM-7 (some providers want an explicit `type=text`). */
        gsmParams: params.default({}),
      })
      .strict()
      .default({ supported: true, params: {}, gsmParams: {} }),
    maxSegments: z.number().int().min(1).max(255).optional(),
  })
  .strict();

const timestampSchema = z
  .object({
    path: z.string().min(1),
    /** 'unix' (seconds), 'unix_ms', 'iso', or a strftime-like pattern (%Y %y %m %d %H %M %S). */
    format: z.string().default('iso'),
    /** Offset of naive timestamps, e.g. "+00:00"; default UTC. */
    timezone: z.string().optional(),
  })
  .strict();

const signatureSchema = z.discriminatedUnion('scheme', [
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

const REPORT_WORDS = ['accepted', 'buffered', 'sent', 'delivered', 'failed', 'expired'] as const;

const statusCallbackSchema = z
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

const replyCallbackSchema = z
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

const queryRequestSchema = z
  .object({
    method: z.enum(['GET', 'POST']).default('GET'),
    url: template,
    body: z.enum(['form', 'json', 'query', 'none']).default('none'),
    params: params.default({}),
    /** Defaults to the send auth. */
    auth: authSchema.optional(),
  })
  .strict();

/**
 * A status lookup's answer that positively means "the provider never received this message".
 * `status` is required: a body pattern alone could match an error page and fail a message that
 * was sent. Server errors, 401/403/407 and 429 never count, whatever a rule says (status-query.ts).
 */
const notFoundRule = z
  .object({
    status: statusMatcher,
    bodyMatches: regex.optional(),
    json: ruleSchema.shape.json,
  })
  .strict();
export type NotFoundRule = z.infer<typeof notFoundRule>;

/**
 * Looks one message up at the provider, to settle a message left `unknown` (the send may or may
 * not have reached it). Templates see `messageId` (our id, the reference the send passed on),
 * `gatewayMessageId` (empty when the provider's answer to the send never arrived), `to`,
 * `credentials.*` and `settings.*`.
 */
const statusQuerySchema = queryRequestSchema
  .extend({
    /**
     * The id the provider finds messages by. `reference` (our id, sent with the message) works
     * for the usual `unknown`, whose send answer — and so the provider's id — never arrived;
     * with `gatewayMessageId`, messages without one are not looked up.
     */
    by: z.enum(['reference', 'gatewayMessageId']).default('reference'),
    /** The provider's status word, read from a 2xx answer. */
    status: extractorSchema,
    /** The provider's words → ours, as in `statusCallback.statusMap`; unmapped words settle nothing. */
    statusMap: z.record(z.string(), z.enum(REPORT_WORDS)),
    /** The provider's id of the message, stored so its later delivery reports match. */
    messageId: extractorSchema.optional(),
    errorCode: extractorSchema.optional(),
    /** Answers meaning "no such message"; none configured: a message is never failed by a lookup. */
    notFound: z.array(notFoundRule).default([]),
  })
  .strict();
export type StatusQueryConfig = z.output<typeof statusQuerySchema>;

const credentialSpec = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
    description: z.string().default(''),
    required: z.boolean().default(true),
  })
  .strict();

export const gatewayConfigSchema = z
  .object({
    /** HTTP is the default kind: a config without `kind` is an HTTP one (see AnyGatewayConfig). */
    kind: z.literal('http').optional(),
    version: z.literal(1).default(1),
    /** Human name of the provider ("Twilio Programmable Messaging"). */
    title: z.string().default(''),
    docs: z.string().optional(),
    credentials: z.array(credentialSpec).default([]),
    /** Default settings (baseUrl first of all); a gateway's own settings override them. */
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    send: sendSchema,
    response: responseSchema.default({ rules: [], maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS }),
    statusCallback: statusCallbackSchema.optional(),
    replyCallback: replyCallbackSchema.optional(),
    balance: queryRequestSchema.extend({ balance: extractorSchema, currency: extractorSchema.optional() }).strict().optional(),
    /**
     * Checks a number before sending to it (HLR / lookup / route coverage). `status` is read from a
     * 2xx answer and mapped by `statusMap` (unmapped words are 'unknown'); an answer without a
     * status word is a failed check, not an unknown number. `charge` is what the provider says
     * a message to that number costs (the original's check_number gave it).
     */
    numberCheck: queryRequestSchema
      .extend({
        numberParam: z.string().optional(),
        status: extractorSchema,
        statusMap: z.record(z.string(), z.enum(['valid', 'invalid', 'unknown'])).default({}),
        charge: extractorSchema.optional(),
        currency: extractorSchema.optional(),
      })
      .strict()
      .optional(),
    statusQuery: statusQuerySchema.optional(),
  })
  .strict();

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type StatusCallbackConfig = NonNullable<GatewayConfig['statusCallback']>;
export type ReplyCallbackConfig = NonNullable<GatewayConfig['replyCallback']>;

/**
 * The other kind of gateway: an SMPP bind (smpp/schema.ts). Stored configs without `kind` keep
 * meaning HTTP, so every existing row and preset reads as before; `kind: "smpp"` selects this one.
 */
export { smppGatewayConfigSchema, type SmppGatewayConfig, type SmppGatewayConfigInput } from '../smpp/schema.js';

/** A gateway config of either kind; narrow with `isSmppConfig`. */
export type AnyGatewayConfig = GatewayConfig | SmppGatewayConfig;

/** True for an SMPP gateway's config. */
export function isSmppConfig(config: AnyGatewayConfig): config is SmppGatewayConfig {
  return config.kind === 'smpp';
}

/** The kind a raw (unparsed) config asks for: `smpp` only when it says so. */
export function gatewayKindOf(raw: unknown): 'http' | 'smpp' {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && (raw as { kind?: unknown }).kind === 'smpp' ? 'smpp' : 'http';
}
