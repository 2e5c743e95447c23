import { z } from 'zod';

export const segmentsBodySchema = z.object({ content: z.string().max(20_000) }).strict();

/** What a text costs before it is sent. */
export const segmentsSchema = z.object({
  encoding: z.enum(['gsm7', 'ucs2']),
  characters: z.number().int(),
  units: z.number().int().meta({ description: 'GSM-7 septets or UTF-16 code units' }),
  segments: z.number().int(),
  perSegment: z.number().int(),
  remaining: z.number().int().meta({ description: 'Room left in the last segment' }),
  nonGsmCharacters: z.array(z.string()).meta({ description: 'The characters that force UCS-2' }),
});
