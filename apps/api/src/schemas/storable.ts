import { UNSTORABLE } from '@smsgw/core';
import type { z } from 'zod';
import type { FieldIssue } from './errors.js';

const MAX_DEPTH = 32;

/**
 * The first thing in parsed JSON that PostgreSQL cannot store as given: NUL characters and
 * unpaired surrogates in any string or key, and nesting deeper than 32 levels (which would also
 * overflow the stack of `JSON.stringify` when sizing or hashing the request).
 */
export function unstorable(value: unknown, path: PropertyKey[] = [], depth = 0): FieldIssue | undefined {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value) ? { path, message: 'NUL characters and unpaired surrogates are not allowed' } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_DEPTH) return { path, message: `nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, child] of Object.entries(value)) {
    if (UNSTORABLE.test(key)) return { path, message: 'a key holds NUL characters or unpaired surrogates, which are not allowed' };
    const found = unstorable(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The schema, refusing (400 naming the field) what PostgreSQL cannot store: every request body
 * that is stored goes through it, so no NUL reaches a query as a 500.
 */
export function storable<T extends z.ZodType>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const issue = unstorable(value);
    // `continue: false`: later refinements (sizing metadata by JSON.stringify) must not see such a value.
    if (issue) ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, input: value, continue: false });
  });
}
