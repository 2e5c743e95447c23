/** What `/v1/billees/:type/:id/…` take and answer: a prepaid billee's credit and its ledger. */
import { z } from 'zod';
import { cursor, limit, page, timestamp } from './common.js';

export const billeeParams = z.object({
  type: z.string().min(1).max(64).meta({ description: "The billee's type, as messages name it (`billee.type`)" }),
  id: z.string().min(1).max(128),
});

export const creditInputSchema = z
  .object({
    limit: z
      .union([z.string(), z.number()])
      .transform((v) => String(v))
      .pipe(z.string().regex(/^\d{1,8}(\.\d{1,6})?$/, 'a non-negative decimal with at most 6 decimals'))
      .meta({ description: 'What the billee may spend in all: its messages reserve against it at accept' }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code')
      .meta({ description: 'Fixed once the credit is opened' }),
  })
  .strict()
  .meta({ examples: [{ limit: '25.00', currency: 'EUR' }] });

export const creditSchema = z
  .object({
    billee: z.object({ type: z.string(), id: z.string() }),
    currency: z.string(),
    limit: z.string(),
    reserved: z.string().meta({ description: 'Held by messages in flight (segments × rate each)' }),
    spent: z.string().meta({ description: 'What delivered messages cost (the provider’s charge, else the estimate)' }),
    balance: z.string().meta({ description: 'limit − reserved − spent: what new messages may still reserve' }),
    updatedAt: timestamp,
  })
  .meta({ id: 'Credit' });

export const ledgerQuery = z.object({ cursor: cursor.optional(), limit: limit(100, 1000) }).strict();

export const ledgerEntrySchema = z.object({
  id: z.number().int(),
  at: timestamp,
  kind: z.enum(['limit', 'reserve', 'settle', 'release']),
  amount: z.string().meta({ description: 'Its effect on the balance: the entries add up to it' }),
  messageId: z.string().nullable(),
});

export const ledgerPage = page(ledgerEntrySchema);
