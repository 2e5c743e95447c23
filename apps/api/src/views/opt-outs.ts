import type { z } from 'zod';
import type { OptOutRow } from '@smsgw/db';
import type { optOutSchema } from '../schemas/opt-outs.js';

/** `global` opt-outs came from a STOP that matched no message: they stop every account's messages. */
export function optOutView(row: OptOutRow): z.infer<typeof optOutSchema> {
  return {
    number: row.number,
    scope: row.accountId === null ? 'global' : 'account',
    source: row.source,
    createdAt: row.createdAt.toISOString(),
  };
}
