import type { z } from 'zod';
import type { BillingRunRow, RateRow, RunTotal } from '@smsgw/db';
import type { billingRunSchema, rateSchema } from '../schemas/billing.js';

export function rateView(r: RateRow): z.infer<typeof rateSchema> {
  return {
    id: r.id,
    gateway: r.gateway,
    prefix: r.prefix === null ? null : `+${r.prefix}`,
    country: r.country,
    pricePerSegment: r.pricePerSegment,
    currency: r.currency,
    validFrom: r.validFrom.toISOString(),
    createdAt: r.createdAt.toISOString(),
  };
}

export function billingRunView(r: BillingRunRow, totals: RunTotal[]): z.infer<typeof billingRunSchema> {
  return {
    id: r.id,
    billee: r.billeeType !== null && r.billeeId !== null ? { type: r.billeeType, id: r.billeeId } : null,
    until: r.until.toISOString(),
    createdAt: r.createdAt.toISOString(),
    messages: totals.reduce((n, t) => n + t.messages, 0),
    totals,
  };
}
