import type { z } from 'zod';
import type { SenderNumberRow } from '@smsgw/db';
import type { senderNumberSchema } from '../schemas/sender-numbers.js';

export function senderNumberView(r: SenderNumberRow): z.infer<typeof senderNumberSchema> {
  return { number: r.number, accountId: r.accountId, gateway: r.gateway, createdAt: r.createdAt.toISOString() };
}
