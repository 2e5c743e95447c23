import { z } from 'zod';

export const segmentsBodySchema = z
  .object({
    content: z.string().max(20_000),
    smartEncoding: z
      .boolean()
      .optional()
      .meta({ description: 'As on a message: whether smart encoding is on. Default: SMSGW_SMART_ENCODING' }),
  })
  .strict();

const encoding = z.enum(['gsm7', 'ucs2']);

/** What a text costs before it is sent. */
export const segmentsSchema = z.object({
  encoding,
  characters: z.number().int(),
  units: z.number().int().meta({ description: 'GSM-7 septets or UTF-16 code units' }),
  segments: z.number().int(),
  perSegment: z.number().int(),
  remaining: z.number().int().meta({ description: 'Room left in the last segment' }),
  nonGsmCharacters: z.array(z.string()).meta({ description: 'The characters that force UCS-2' }),
  smartEncoding: z
    .object({
      enabled: z.boolean().meta({ description: 'Whether a message sent with these settings is smart-encoded' }),
      applied: z
        .boolean()
        .meta({ description: 'Whether smart encoding changes this text (always computed, so you can see what it would do)' }),
      skipped: z.enum(['nothing_to_replace', 'still_ucs2', 'more_segments']).nullable().meta({
        description:
          'Why the text stays as written: nothing has a look-alike, a character without one keeps it UCS-2, or GSM-7 would need more segments',
      }),
      content: z.string().meta({ description: 'The text that would be sent' }),
      before: z.object({ encoding, segments: z.number().int() }),
      after: z.object({ encoding, segments: z.number().int(), units: z.number().int(), remaining: z.number().int() }),
      replacements: z.array(
        z.object({
          char: z.string(),
          codePoint: z.string().meta({ description: '`U+2019`' }),
          with: z.string().meta({ description: "The GSM-7 text that replaces it ('' when removed)" }),
          count: z.number().int(),
        }),
      ),
    })
    .meta({ description: 'Smart encoding: before and after' }),
});
