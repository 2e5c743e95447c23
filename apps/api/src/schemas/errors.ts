/**
 * The error response every route shares, `{error:{code,message,details?}}`, with the closed list
 * of codes as an enum, so the OpenAPI document tells a client every code it may have to handle.
 */
import { z } from 'zod';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode, type ErrorStatus } from '@smsgw/core';

export const errorCodeSchema = z.enum(ERROR_CODES).meta({
  id: 'ErrorCode',
  description: 'What went wrong. Each code has one HTTP status; the list is closed (a new code is a new API version of this list).',
});

export const errorSchema = z
  .object({
    error: z.object({
      code: errorCodeSchema,
      message: z.string().meta({ description: 'For people: names the field or the state that refused the request.' }),
      details: z.record(z.string(), z.unknown()).optional().meta({ description: 'Specifics some codes carry (counts, fields).' }),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorSchema>;

const codesWith = (status: ErrorStatus): ErrorCode[] => ERROR_CODES.filter((c) => ERROR_STATUS[c] === status);

function errorResponse(status: ErrorStatus) {
  return {
    description: `Error; \`error.code\` is one of: ${codesWith(status).join(', ')}`,
    content: { 'application/json': { schema: errorSchema } },
  };
}

type KeyedStatus = 401 | 403 | 429 | 500 | 503;

/**
 * The error responses of a route, by status, each described with the codes of that status.
 * Every route that needs a key can answer 401 (no valid key), 403 (the key lacks the route's
 * scope) and 429 (over the key's rate limit) and, like every route, 500 and 503: those are added.
 */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S | KeyedStatus, ReturnType<typeof errorResponse>> {
  const all = [...new Set<ErrorStatus>([...statuses, 401, 403, 429, 500, 503])].sort((a, b) => a - b);
  return Object.fromEntries(all.map((s) => [s, errorResponse(s)])) as Record<S | KeyedStatus, ReturnType<typeof errorResponse>>;
}

/** The error responses of a public route (no key, so no 401). */
export function publicErrorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S | 500 | 503, ReturnType<typeof errorResponse>> {
  const all = [...new Set<ErrorStatus>([...statuses, 500, 503])].sort((a, b) => a - b);
  return Object.fromEntries(all.map((s) => [s, errorResponse(s)])) as Record<S | 500 | 503, ReturnType<typeof errorResponse>>;
}

/** One field's complaint, as the validator or a refinement reports it. */
export interface FieldIssue {
  /** Where in the input: `['template', 'vars']`; empty for the whole input. */
  path: readonly PropertyKey[];
  message: string;
}

/**
 * One readable sentence naming the fields: `to: Invalid input; metadata: at most 4096 bytes`.
 * `whole` names the input when the issue is about all of it (`body`, `query`).
 */
export function describeIssues(issues: readonly FieldIssue[], whole = 'body'): string {
  return issues
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : whole}: ${i.message}`)
    .slice(0, 10)
    .join('; ');
}
