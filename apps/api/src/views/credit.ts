import type { z } from 'zod';
import type { Credit, CreditLedgerRow } from '@smsgw/db';
import type { creditSchema, ledgerEntrySchema } from '../schemas/credit.js';

export function creditView(c: Credit): z.infer<typeof creditSchema> {
  return { ...c, updatedAt: c.updatedAt.toISOString() };
}

export function ledgerEntryView(e: CreditLedgerRow): z.infer<typeof ledgerEntrySchema> {
  return { id: e.id, at: e.createdAt.toISOString(), kind: e.kind, amount: e.amount, messageId: e.messageId };
}
