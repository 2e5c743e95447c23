/** `POST /v1/gateways/import/django`: the original's gateways in, smsgw gateways and a per-field report out. */
import { z } from 'zod';
import { errorCodeSchema } from './errors.js';
import { gatewayName, gatewaySchema } from './gateways.js';
import { storable } from './storable.js';

const scalar = z.union([z.string().max(2048), z.number(), z.boolean()]);

/** An offset (`+10:00`) or an IANA zone the runtime knows (`Australia/Adelaide`). */
const timezone = z
  .string()
  .max(64)
  .refine((zone) => {
    if (/^(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i.test(zone)) return true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an offset such as +10:00 or an IANA time zone such as Australia/Adelaide');

export const djangoImportBodySchema = storable(
  z
    .object({
      rows: z.array(z.unknown()).min(1).max(500).meta({
        description:
          'What `manage.py dumpdata sms.gateway` wrote: `[{"model": "sms.gateway", "pk": 1, "fields": {…}}]`. Entries of other models are skipped',
      }),
      dryRun: z.boolean().default(false).meta({ description: 'Convert and check, create nothing' }),
      timezone: timezone.optional().meta({ description: "The Django site's TIME_ZONE: naive dates in postbacks were in it (default UTC)" }),
      overrides: z
        .record(
          z.string().max(128),
          z
            .object({
              name: gatewayName.optional(),
              settings: z
                .record(z.string().min(1).max(64), scalar)
                .optional()
                .meta({ description: 'Merged over the converted settings (baseUrl, …)' }),
              credentials: z
                .record(z.string().min(1).max(64), z.string().max(4096))
                .optional()
                .meta({ description: 'Merged over the ones found in the original settings' }),
              enabled: z.boolean().optional(),
            })
            .strict(),
        )
        .optional()
        .meta({
          description:
            "Per original gateway, by its name: what to change on the way in (real credentials instead of the dump's, another base URL…)",
        }),
    })
    .strict(),
).meta({
  examples: [
    {
      rows: [
        {
          model: 'sms.gateway',
          pk: 1,
          fields: {
            name: 'Clickatell',
            base_url: 'https://api.clickatell.com/http/sendmsg',
            settings: { api_id: '…', user: '…', password: '…' },
            recipient_keyword: 'to',
            content_keyword: 'text',
            success_format: 'ID: (?P<gateway_message_id>.+)',
          },
        },
      ],
      dryRun: true,
      overrides: { Clickatell: { name: 'clickatell-legacy' } },
    },
  ],
});
export type DjangoImportBody = z.infer<typeof djangoImportBodySchema>;

const fieldReport = z.object({
  field: z.string().meta({ description: "The original's field, or settings.<key>" }),
  outcome: z
    .enum(['carried', 'changed', 'not_carried'])
    .meta({ description: 'carried as it was; carried with a difference (the note says which); not carried' }),
  to: z.array(z.string()).meta({ description: 'Where it went in the smsgw gateway' }),
  note: z.string(),
});

const importItem = z.object({
  index: z.number().int().meta({ description: 'Position in `rows`' }),
  source: z.object({ pk: z.union([z.string(), z.number()]).nullable(), name: z.string().nullable() }),
  name: z.string().nullable().meta({ description: 'The smsgw gateway name' }),
  created: z.boolean(),
  gateway: gatewaySchema.nullable().meta({ description: 'The gateway as created (null for a dry run or an error)' }),
  config: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The converted config' }),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  credentials: z.array(z.string()).meta({ description: 'The names of the credentials found (their values are never shown)' }),
  suggestedPreset: z
    .string()
    .nullable()
    .meta({ description: 'A shipped preset for the same provider API: it knows every status code and Unicode; consider it once migrated' }),
  error: z.object({ code: errorCodeSchema, message: z.string() }).nullable(),
  report: z.array(fieldReport),
});

export const djangoImportResultSchema = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  data: z.array(importItem).meta({ description: 'One per sms.gateway entry, in order' }),
  skipped: z.array(z.object({ index: z.number().int(), model: z.string().nullable() })).meta({ description: 'Entries of other models' }),
});
export type DjangoImportItem = z.infer<typeof importItem>;
