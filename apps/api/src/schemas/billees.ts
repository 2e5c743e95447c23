/** What `/v1/billees/:type/:id` takes and answers: a billee's defaults (gateway, time zone, quiet hours). */
import { z } from 'zod';
import { timestamp } from './common.js';
import { storable } from './storable.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00 to 23:59');

export const quietHoursSchema = z
  .object({
    start: clock.meta({ description: 'Local time the quiet hours begin' }),
    end: clock.meta({ description: 'Local time they end (earlier than start: the next day)' }),
  })
  .strict()
  .refine((q) => q.start !== q.end, 'start and end must differ');

export const billeeDefaultsInputSchema = storable(
  z
    .object({
      gateway: z
        .string()
        .min(1)
        .max(63)
        .nullable()
        .optional()
        .meta({ description: "Used when a message names no gateway (the routing rules' place)" }),
      timeZone: z
        .string()
        .min(1)
        .max(64)
        .nullable()
        .optional()
        .meta({ description: 'IANA time zone: `sendAt: {local}` and quiet hours are read in it' }),
      quietHours: quietHoursSchema
        .nullable()
        .optional()
        .meta({ description: 'No sends in this window: a message waits as `scheduled` until its end' }),
    })
    .strict(),
).meta({ examples: [{ gateway: 'clickatell', timeZone: 'Europe/Berlin', quietHours: { start: '21:00', end: '08:00' } }] });

export const billeeDefaultsSchema = z
  .object({
    billee: z.object({ type: z.string(), id: z.string() }),
    gateway: z.string().nullable(),
    timeZone: z.string().nullable(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    updatedAt: timestamp,
  })
  .meta({ id: 'BilleeDefaults' });
