/** Opt-outs: numbers an account's messages may not be sent to. */
import { z } from 'zod';
import { limit, page, timestamp } from './common.js';
import { storable } from './storable.js';

export const optOutListQuery = z
  .object({
    cursor: z.coerce.number().int().min(0).optional().meta({ description: 'The `nextCursor` of the previous page' }),
    limit: limit(100),
  })
  .strict();

export const createOptOutSchema = storable(z.object({ number: z.string().min(1).max(64) }).strict());

export const deleteOptOutQuery = z
  .object({
    scope: z
      .enum(['account', 'global'])
      .default('account')
      .meta({ description: '`global` (admin keys only): the opt-out every account obeys' }),
  })
  .strict();

/** `global` opt-outs came from a STOP that matched no message: they stop every account's messages. */
export const optOutSchema = z
  .object({ number: z.string(), scope: z.enum(['account', 'global']), source: z.string(), createdAt: timestamp })
  .meta({ id: 'OptOut' });

export const optOutPage = page(optOutSchema);
