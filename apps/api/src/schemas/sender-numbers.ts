/** Sender numbers: which account owns which number (and so the replies to it). */
import { z } from 'zod';
import { GATEWAY_NAME_RE } from '@smsgw/core';
import { cursor, limit, page, timestamp } from './common.js';
import { storable } from './storable.js';

export const createSenderNumberSchema = storable(
  z
    .object({
      number: z.string().min(1).max(64),
      accountId: z.string().min(1).max(64),
      gateway: z
        .string()
        .regex(GATEWAY_NAME_RE)
        .nullable()
        .optional()
        .meta({ description: 'Own the number only for replies through this gateway' }),
    })
    .strict(),
);

export const senderNumberListQuery = z
  .object({ accountId: z.string().min(1).max(64).optional(), cursor: cursor.optional(), limit: limit(100) })
  .strict();

export const senderNumberSchema = z
  .object({ number: z.string(), accountId: z.string(), gateway: z.string().nullable(), createdAt: timestamp })
  .meta({ id: 'SenderNumber' });

export const senderNumberPage = page(senderNumberSchema);
