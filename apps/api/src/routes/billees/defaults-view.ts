import type { z } from 'zod';
import type { BilleeDefaultsRow } from '@smsgw/db';
import type { billeeDefaultsSchema } from '../../schemas/billees.js';

/**
 * A billee's defaults as the API shows them (PUT and GET `/v1/billees/:type/:id`): the original's
 * `billee.sms_gateway` plus a time zone and quiet hours.
 */
export function billeeDefaultsView(row: BilleeDefaultsRow): z.infer<typeof billeeDefaultsSchema> {
  return {
    billee: { type: row.billeeType, id: row.billeeId },
    gateway: row.gateway,
    timeZone: row.timeZone,
    quietHours: row.quietStart && row.quietEnd ? { start: row.quietStart, end: row.quietEnd } : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
