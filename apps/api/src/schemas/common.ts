/** Schema pieces many routes share: paging, dates, path parameters. */
import { z } from 'zod';

// JavaScript and PostgreSQL disagree on years before 1 AD (a 500 at the query) and a date
// centuries away is a typo: keep dates to years both sides read the same way.
export const isoDate = z.iso.datetime({ offset: true }).refine((s) => {
  const year = new Date(s).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}, 'a date from 1970 to 9999');

/** A time in a response: always UTC, as `Date.toISOString()` writes it. */
export const timestamp = z.iso.datetime();

/** `limit` of a list: at most `max` rows per page, `fallback` when not given. */
export const limit = (fallback: number, max = 500) => z.coerce.number().int().min(1).max(max).default(fallback);

/** `cursor` of a list: the previous page's `nextCursor`. */
export const cursor = z.string().max(64).meta({ description: 'The `nextCursor` of the previous page' });

/** A page of a list: `nextCursor` is null on the last page. */
export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const idParams = z.object({ id: z.string() });
export const nameParams = z.object({ name: z.string() });
export const numberParams = z.object({ number: z.string().meta({ description: 'A phone number, any way it is written' }) });

/** The answer of a route that answers 204: no body. */
export const noContent = z.undefined().meta({ description: 'Done; no body' });

/**
 * A JSON response with its own description, the schema kept whole: a schema with an id stays a
 * reference to its component (a `.describe()` copy would be inlined).
 */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
