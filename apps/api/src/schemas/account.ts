/** The caller's account and the record of webhooks sent to it. */
import { z } from 'zod';
import { cursor, limit, page, timestamp } from './common.js';
import { storable } from './storable.js';

export const patchAccountSchema = storable(
  z
    .object({
      webhookUrl: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .nullable()
        .optional()
        .meta({ description: 'The default webhook URL; null removes it' }),
      rotateWebhookSecret: z.boolean().optional(),
      smartEncoding: z.boolean().nullable().optional().meta({
        description: "Smart encoding for this account's messages that do not say; null: the API's default (SMSGW_SMART_ENCODING)",
      }),
    })
    .strict(),
);

export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    webhookUrl: z.string().nullable(),
    webhookSecret: z.string().meta({ description: 'Our webhooks to this account are signed with it (Standard Webhooks)' }),
    smartEncoding: z.boolean().nullable().meta({ description: "The account's smart-encoding default; null: the API's" }),
    createdAt: timestamp,
  })
  .meta({ id: 'Account' });

export const deliveryListQuery = z
  .object({
    messageId: z.string().min(1).max(64).optional(),
    state: z.enum(['pending', 'retrying', 'delivered', 'failed']).optional(),
    cursor: cursor.optional(),
    limit: limit(50),
  })
  .strict();

export const deliverySchema = z
  .object({
    id: z.string(),
    eventType: z.string(),
    url: z.string(),
    messageId: z.string().nullable(),
    replyId: z.string().nullable(),
    state: z.string(),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: timestamp,
    deliveredAt: timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const deliveryPage = page(deliverySchema);
