/** What `/v1/batches` answers: a batch's progress, the original's MessageSet status. */
import { z } from 'zod';
import { MESSAGE_STATUSES } from '@smsgw/core';
import { cursor, limit, page, timestamp } from './common.js';

export const moneySchema = z
  .object({ amount: z.string().meta({ description: 'Decimal, as text (no binary rounding)' }), currency: z.string().nullable() })
  .meta({ id: 'Money' });

/** A batch in a list: its progress from the batch's own counter, no per-status counts. */
export const batchSummarySchema = z
  .object({
    id: z.string(),
    total: z.number().int().meta({ description: 'Messages stored in the batch' }),
    done: z.number().int().meta({ description: 'Messages in a final status: delivered, failed, expired or cancelled' }),
    percentComplete: z.number().meta({ description: '`done` / `total` × 100, two decimals; 100 for an empty batch' }),
    completed: z.boolean(),
    atomic: z.boolean(),
    webhookUrl: z.string().nullable(),
    createdAt: timestamp,
    completedAt: timestamp.nullable().meta({ description: 'When the last message became final (null while any is in flight)' }),
  })
  .meta({ id: 'BatchSummary' });

const counts = z.object(
  Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof MESSAGE_STATUSES)[number], z.ZodNumber>,
);

export const batchSchema = z
  .object({
    ...batchSummarySchema.shape,
    counts: counts.meta({ description: 'Messages by status' }),
    charged: z
      .array(moneySchema)
      .meta({ description: "What the providers reported charging so far, per currency (their delivery reports' charge)" }),
    estimated: z
      .array(moneySchema)
      .meta({ description: 'Segments × the rate each message was accepted at, per currency (`GET /v1/rates`)' }),
  })
  .meta({
    id: 'Batch',
    examples: [
      {
        id: 'bat_01JH5Z8Q3K7M2V9X4T6B8N0C1D',
        total: 3,
        done: 2,
        percentComplete: 66.67,
        completed: false,
        atomic: false,
        webhookUrl: null,
        createdAt: '2025-01-15T10:00:00.000Z',
        completedAt: null,
        counts: { queued: 0, scheduled: 0, sending: 0, unknown: 0, sent: 1, delivered: 2, failed: 0, expired: 0, cancelled: 0 },
        charged: [{ amount: '0.080000', currency: 'EUR' }],
        estimated: [{ amount: '0.120000', currency: 'EUR' }],
      },
    ],
  });

export const batchListQuery = z.object({ cursor: cursor.optional(), limit: limit(50) }).strict();
export const batchPage = page(batchSummarySchema);

export const batchMessagesQuery = z
  .object({ status: z.enum(MESSAGE_STATUSES).optional(), cursor: cursor.optional(), limit: limit(100) })
  .strict();

export const batchCancelSchema = z.object({
  cancelled: z.number().int().meta({ description: 'Messages this request cancelled (those not yet handed to a worker)' }),
  batch: batchSchema,
});
