/** What `/v1/messages` takes and answers: the message a client sends, and the message it reads back. */
import { z } from 'zod';
import { MESSAGE_STATUSES } from '@smsgw/core';
import { cursor, isoDate, limit, page, timestamp } from './common.js';
import { errorCodeSchema } from './errors.js';
import { replySchema } from './replies.js';
import { storable } from './storable.js';

const MAX_METADATA_BYTES = 4096;

/**
 * The metadata key smsgw writes its own notes under (smart encoding's replacements): a client's
 * own key of that name would be overwritten, so it is refused instead.
 */
export const RESERVED_METADATA_KEY = 'smsgw';

/** The body of `POST /v1/messages` (and each item of a batch). Unknown fields are refused. */
export const messageInputSchema = storable(
  z
    .object({
      to: z.string().min(1).max(64).meta({ description: 'The recipient: E.164, or national with SMSGW_DEFAULT_COUNTRY' }),
      content: z.string().max(20_000).optional().meta({ description: 'The text; or give `template`' }),
      template: z
        .object({
          body: z.string().max(20_000).optional().meta({ description: 'An inline template; or give `name`' }),
          name: z
            .string()
            .max(128)
            .optional()
            .meta({ description: 'A stored template (`/v1/templates`): `otp` uses its latest version, `otp@2` version 2' }),
          version: z.number().int().min(1).optional().meta({ description: 'The stored version to use (instead of `name@version`)' }),
          vars: z.record(z.string(), z.unknown()).default({}),
        })
        .strict()
        .optional()
        .meta({ description: 'Every variable the template uses must be in `vars` (else 422 `template_error` naming it)' }),
      from: z
        .string()
        .min(1)
        .max(32)
        .optional()
        .meta({ description: 'A phone number or an alphanumeric sender id of up to 11 characters' }),
      gateway: z.string().min(1).max(63).optional().meta({ description: 'Send through this gateway; by default the routing rules choose' }),
      billee: z
        .object({ type: z.string().min(1).max(64), id: z.union([z.string().min(1).max(128), z.number().int()]) })
        .strict()
        .optional(),
      replyCallback: z
        .string()
        .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a handler name: letters, digits, _ . : -')
        .optional(),
      webhookUrl: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .optional(),
      sendAt: z
        .union([
          isoDate,
          z
            .object({
              local: z.string().max(19).meta({ description: '`HH:MM` (the next time the clock shows it) or `YYYY-MM-DDTHH:MM[:SS]`' }),
              timeZone: z.string().max(64).optional().meta({ description: "An IANA time zone; default: the billee's" }),
            })
            .strict(),
        ])
        .optional()
        .meta({
          description:
            "When to send: an instant, or `{local}`, a wall-clock time in the billee's time zone (or `timeZone`). A billee's quiet hours move it later",
        }),
      validUntil: isoDate.optional(),
      smartEncoding: z
        .boolean()
        .optional()
        .meta({
          description:
            'Replace characters that force UCS-2 but have GSM-7 look-alikes (curly quotes, dashes, no-break spaces, …) when that makes ' +
            'the whole text GSM-7 without more segments. The replacements are recorded in `metadata.smsgw.smartEncoding`. Default: SMSGW_SMART_ENCODING',
        }),
      metadata: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({
          description: `Yours, returned as given (smsgw adds its notes under \`${RESERVED_METADATA_KEY}\`, a key you may not use); at most ${MAX_METADATA_BYTES} bytes of JSON`,
        }),
    })
    .strict(),
)
  .superRefine((input, ctx) => {
    if (input.metadata && Object.hasOwn(input.metadata, RESERVED_METADATA_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['metadata', RESERVED_METADATA_KEY],
        message: "reserved for smsgw's own notes",
        input: input.metadata,
      });
    }
    if (input.metadata && Buffer.byteLength(JSON.stringify(input.metadata)) > MAX_METADATA_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['metadata'], message: `at most ${MAX_METADATA_BYTES} bytes of JSON`, input: input.metadata });
    }
  })
  .meta({
    examples: [
      { to: '+447400123456', content: 'Your code is 123456', from: 'ACME', metadata: { orderId: 'A-1001' } },
      {
        to: '+447400123456',
        template: { body: 'Hi {{name}}, your table is ready', vars: { name: 'Ada' } },
        webhookUrl: 'https://example.com/hooks/sms',
      },
    ],
  });

export type MessageInput = z.infer<typeof messageInputSchema>;

const nullableTime = timestamp.nullable();
/** An amount in a currency; decimal text, never a binary float. */
const money = z.object({ amount: z.string(), currency: z.string().nullable() });

/** The part of a message its webhooks carry too (`messageWebhookData`): one shape in both places. */
export const messageWebhookFields = {
  id: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  statusMessage: z.string().nullable(),
  to: z.string(),
  from: z.string().nullable(),
  gateway: z.string().nullable(),
  gatewayMessageId: z.string().nullable(),
  segments: z.number().int(),
  batchId: z.string().nullable().meta({ description: 'The batch it was sent in (`POST /v1/messages/batch`), if any' }),
  charge: z.object({ amount: z.string(), currency: z.string().nullable() }).nullable(),
  billee: z.object({ type: z.string(), id: z.string() }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: timestamp,
  updatedAt: timestamp,
  sentAt: nullableTime,
  deliveredAt: nullableTime,
};

const EXAMPLE_MESSAGE = {
  id: 'msg_01JH5Z8Q3K7M2V9X4T6B8N0C1D',
  status: 'queued',
  statusMessage: null,
  to: '+447400123456',
  from: 'ACME',
  gateway: 'twilio',
  gatewayMessageId: null,
  segments: 1,
  batchId: null,
  charge: null,
  billee: null,
  metadata: { orderId: 'A-1001' },
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
  sentAt: null,
  deliveredAt: null,
  content: 'Your code is 123456',
  encoding: 'gsm7',
  route: ['twilio', 'vonage'],
  attempts: 0,
  billed: false,
  billedAt: null,
  billingRunId: null,
  rate: { amount: '0.040000', currency: 'EUR' },
  estimatedCost: { amount: '0.040000', currency: 'EUR' },
  replyCallback: null,
  webhookUrl: null,
  sendAt: null,
  validUntil: null,
} as const;

/** A message as its owner reads it back. */
export const messageSchema = z
  .object({
    ...messageWebhookFields,
    content: z.string(),
    encoding: z.enum(['gsm7', 'ucs2']),
    route: z.array(z.string()).meta({ description: 'The failover order fixed when the message was accepted' }),
    attempts: z.number().int(),
    billed: z.boolean(),
    billedAt: nullableTime,
    billingRunId: z.string().nullable().meta({ description: 'The billing run that billed it (`POST /v1/billing/runs`)' }),
    rate: money.nullable().meta({ description: 'The price per segment when it was accepted (`GET /v1/rates`)' }),
    estimatedCost: money.nullable().meta({ description: 'Segments × rate; the final cost is `charge`, from the delivery report' }),
    replyCallback: z.string().nullable(),
    webhookUrl: z.string().nullable(),
    sendAt: nullableTime,
    validUntil: nullableTime,
  })
  .meta({ id: 'Message', examples: [EXAMPLE_MESSAGE] });

export const eventSchema = z.object({
  at: timestamp,
  type: z.string(),
  status: z.enum(MESSAGE_STATUSES).nullable(),
  attempt: z.number().int().nullable(),
  gateway: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

/** `GET /v1/messages/:id`: the message with its history and its replies. */
export const messageDetailSchema = z.object({ ...messageSchema.shape, events: z.array(eventSchema), replies: z.array(replySchema) }).meta({
  id: 'MessageDetail',
  examples: [
    {
      ...EXAMPLE_MESSAGE,
      status: 'delivered',
      gatewayMessageId: 'SM8f2a0c',
      sentAt: '2025-01-15T10:00:01.200Z',
      deliveredAt: '2025-01-15T10:00:04.900Z',
      updatedAt: '2025-01-15T10:00:04.900Z',
      events: [
        { at: '2025-01-15T10:00:00.000Z', type: 'accepted', status: 'queued', attempt: 0, gateway: 'twilio', detail: {} },
        { at: '2025-01-15T10:00:01.200Z', type: 'sent', status: 'sent', attempt: 1, gateway: 'twilio', detail: {} },
        {
          at: '2025-01-15T10:00:04.900Z',
          type: 'report',
          status: 'delivered',
          attempt: 1,
          gateway: 'twilio',
          detail: { providerStatus: 'delivered' },
        },
      ],
      replies: [],
    },
  ],
});

export const messageListQuery = z
  .object({
    status: z.enum(MESSAGE_STATUSES).optional(),
    to: z.string().max(64).optional(),
    billee: z.string().max(200).optional().meta({ description: '`type:id`' }),
    billed: z.enum(['true', 'false']).optional().meta({ description: 'Only messages a billing run has (or has not) billed' }),
    gateway: z.string().max(63).optional().meta({ description: 'Only messages on this gateway (the last one tried)' }),
    cursor: cursor.optional(),
    limit: limit(50),
  })
  .strict();

export const messagePage = page(messageSchema);

export const MAX_BATCH = 1000;

/** What an item must be, as JSON Schema, for the document only (see `batchBodySchema`). */
function itemDocument(): Record<string, unknown> {
  const {
    $schema: _dialect,
    examples: _examples,
    ...schema
  } = z.toJSONSchema(messageInputSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...schema, description: 'A message, as `POST /v1/messages` takes it' };
}

/**
 * Each item is checked on its own by the handler (a bad item is reported by its index and does
 * not stop the others), so the body schema takes any item; the document shows what an item must be.
 */
export const batchBodySchema = z
  .object({
    messages: z.array(z.unknown().meta(itemDocument())).min(1).max(MAX_BATCH),
    atomic: z.boolean().optional().meta({ description: 'All or nothing: any refused item refuses the batch (422), and nothing is stored' }),
    webhookUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional()
      .meta({ description: "Where `batch.completed` is posted when every message is final; the account's default webhook otherwise" }),
  })
  .strict();
export type BatchBody = z.infer<typeof batchBodySchema>;

const itemResult = z.union([
  z.object({ index: z.number().int(), message: messageSchema }),
  z.object({ index: z.number().int(), error: z.object({ code: errorCodeSchema, message: z.string() }) }),
]);

const batchSummary = {
  accepted: z.number().int().meta({ description: 'Messages stored (including repeats of a retried batch)' }),
  rejected: z.number().int(),
  data: z.array(itemResult).meta({ description: 'One result per item, in item order' }),
};

export const batchResultSchema = z.object({
  batchId: z.string().meta({ description: 'Every stored message carries it; see `GET /v1/batches/{id}`' }),
  ...batchSummary,
});
/** No item was valid: the error, and each item's reason. */
export const batchRejectedSchema = z.object({ error: z.object({ code: errorCodeSchema, message: z.string() }), ...batchSummary });
export type BatchItemResult = z.infer<typeof itemResult>;

/** The `Idempotency-Key` header (checked by the handler, which answers its own error code). */
export const idempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().optional().meta({
    description:
      '1-200 printable ASCII characters. A retry with the same key and body answers 200 with the first message instead of sending again',
  }),
});
