import { z } from 'zod';
import type { SmppGatewayConfig } from '../smpp/schema.js';
import { REPORT_WORDS, replyCallbackSchema, statusCallbackSchema } from './callbacks-schema.js';
import { authSchema, extractorSchema, params, regex, template } from './primitives.js';

export type { SignatureConfig } from './callbacks-schema.js';
export type { Extractor, GatewayAuth, ParamValue } from './primitives.js';

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
export type { SmppGatewayConfig, SmppGatewayConfigInput } from '../smpp/schema.js';

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
