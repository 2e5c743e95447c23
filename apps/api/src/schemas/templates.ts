/** What `/v1/templates` takes and answers: named, versioned message templates. */
import { z } from 'zod';
import { cursor, limit, page, timestamp } from './common.js';
import { storable } from './storable.js';

const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export const templateName = z
  .string()
  .regex(TEMPLATE_NAME, 'letters, digits, _ . - (at most 64, starting with a letter or digit)')
  .meta({ description: 'Unique among the account’s templates; a message names it (`otp`, or `otp@2` for a version)' });

export const templateParams = z.object({ name: z.string().max(128) });
export const templateVersionParams = z.object({ name: z.string().max(128), version: z.coerce.number().int().min(1).max(1_000_000) });

const body = z.string().min(1).max(20_000).meta({ description: 'The text, with `{{ variable }}` tags and filters (`{{ name | upper }}`)' });
const description = z.string().max(500).nullable().optional();

export const createTemplateSchema = storable(z.object({ name: templateName, body, description }).strict()).meta({
  examples: [{ name: 'otp', body: 'Your {{ app }} code is {{ code }}', description: 'Login codes' }],
});

export const patchTemplateSchema = storable(
  z
    .object({
      body: body.optional().meta({ description: 'A new text: becomes the next version' }),
      description,
    })
    .strict(),
);

export const renderTemplateSchema = storable(
  z
    .object({
      vars: z.record(z.string(), z.unknown()).default({}),
      version: z.number().int().min(1).optional().meta({ description: 'Default: the latest' }),
    })
    .strict(),
);

export const templateListQuery = z.object({ cursor: cursor.optional(), limit: limit(50) }).strict();

export const templateVersionSchema = z
  .object({
    version: z.number().int(),
    body: z.string(),
    variables: z.array(z.string()).meta({ description: 'The variables the text uses: a send must give each (unless it has a `default`)' }),
    encoding: z.enum(['gsm7', 'ucs2']).meta({ description: 'Of the fixed text (variables left out)' }),
    segments: z.number().int().meta({ description: 'Of the fixed text: the least a render needs' }),
    createdAt: timestamp,
  })
  .meta({ id: 'TemplateVersion' });

export const templateSchema = z
  .object({
    name: z.string(),
    description: z.string().nullable(),
    latestVersion: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: templateVersionSchema.meta({ description: 'The latest version (or the one asked for)' }),
  })
  .meta({ id: 'Template' });

export const templatePage = page(templateSchema);
export const templateVersionList = z.object({ data: z.array(templateVersionSchema) });

export const renderedSchema = z
  .object({
    template: z.object({ name: z.string(), version: z.number().int() }),
    content: z.string(),
    encoding: z.enum(['gsm7', 'ucs2']),
    characters: z.number().int(),
    segments: z.number().int(),
  })
  .meta({ id: 'RenderedTemplate' });
