/** What `/v1/rates` and `/v1/billing` take and answer: prices, unbilled totals, billing runs. */
import { z } from 'zod';
import { cursor, isoDate, limit, page, timestamp } from './common.js';
import { messageSchema } from './messages.js';

/** A decimal amount: text (or a JSON number) with at most 6 decimals, stored exactly as numeric. */
const decimal = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'a non-negative decimal with at most 6 decimals'));

const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. EUR');

export const rateInputSchema = z
  .object({
    gateway: z.string().min(1).max(63),
    prefix: z
      .string()
      .regex(/^\+?\d{1,15}$/, 'digits of an E.164 prefix')
      .optional()
      .meta({ description: 'Only recipients starting with it (`+4477`); the longest matching prefix wins' }),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2')
      .optional()
      .meta({ description: 'Only recipients of this country' }),
    pricePerSegment: decimal.meta({ description: 'Price of one segment, e.g. "0.0465"' }),
    currency,
    validFrom: isoDate.optional().meta({ description: 'From when it applies (now by default); the previous version applies until then' }),
  })
  .strict()
  .meta({ examples: [{ gateway: 'twilio', prefix: '+44', pricePerSegment: '0.0400', currency: 'EUR' }] });

export const rateSchema = z
  .object({
    id: z.number().int(),
    gateway: z.string(),
    prefix: z.string().nullable(),
    country: z.string().nullable(),
    pricePerSegment: z.string(),
    currency: z.string(),
    validFrom: timestamp,
    createdAt: timestamp,
  })
  .meta({ id: 'Rate' });

export const rateListQuery = z
  .object({
    gateway: z.string().max(63).optional(),
    history: z.enum(['true', 'false']).optional().meta({ description: '`true`: every version, newest first, not only those in force' }),
  })
  .strict();

export const rateList = z.object({ data: z.array(rateSchema) });

export const lastRateQuery = z
  .object({ to: z.string().min(1).max(64).meta({ description: 'A phone number, any way it is written' }) })
  .strict();

export const lastRateSchema = z.object({
  to: z.string(),
  perSegment: z.string().meta({ description: 'The charge divided by the segments' }),
  currency: z.string().nullable(),
  messageId: z.string(),
  charge: z.string(),
  segments: z.number().int(),
  sentAt: timestamp.nullable(),
});

const billee = z.string().max(200).meta({ description: '`type:id`' });

export const unbilledQuery = z
  .object({
    billee: billee.optional(),
    until: isoDate.optional().meta({ description: 'Messages accepted up to then; now by default' }),
    cursor: cursor.optional(),
    limit: limit(100, 1000),
  })
  .strict();

const billeeRef = z.object({ type: z.string(), id: z.string() });

export const billeeTotalSchema = z.object({
  billee: billeeRef.nullable(),
  currency: z.string().nullable(),
  messages: z.number().int(),
  segments: z.number().int(),
  cost: z.string().nullable().meta({ description: 'The charges reported, else segments × rate; decimal text' }),
  unpriced: z.number().int().meta({ description: 'Messages with neither a charge nor a rate (not in `cost`)' }),
});

export const unbilledSchema = z.object({
  until: timestamp,
  totals: z.array(billeeTotalSchema).meta({ description: 'Per billee and currency' }),
  ...page(messageSchema).shape,
});

export const billingRunInput = z
  .object({
    billee: billee.optional().meta({ description: '`type:id`; every billee of the account when absent' }),
    until: isoDate.meta({ description: 'Bill the messages accepted up to then' }),
  })
  .strict()
  .meta({ examples: [{ billee: 'customer:42', until: '2025-02-01T00:00:00Z' }] });

export const runTotalSchema = z.object({
  currency: z.string().nullable(),
  messages: z.number().int(),
  segments: z.number().int(),
  amount: z.string().nullable(),
});

export const billingRunSchema = z
  .object({
    id: z.string(),
    billee: billeeRef.nullable(),
    until: timestamp,
    createdAt: timestamp,
    messages: z.number().int().meta({ description: 'Messages this run billed' }),
    totals: z.array(runTotalSchema).meta({ description: 'Per currency, at the amounts frozen when billed' }),
  })
  .meta({ id: 'BillingRun' });
