import { badRequest } from '@smsgw/core';

const MAX_DEPTH = 32;

/** NUL and unpaired surrogates: PostgreSQL text and jsonb refuse them, which would surface as a 500. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses, with a 400 naming the field, what PostgreSQL cannot store as given: NUL characters and
 * unpaired surrogates in any string or key, and nesting deeper than 32 levels (which would also
 * overflow the stack of `JSON.stringify` when sizing or hashing the request).
 *
 * @param value - parsed JSON input
 * @param path - the field name used in the error message
 */
export function assertStorable(value: unknown, path = 'body', depth = 0): void {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) {
      throw badRequest('invalid_request', `${path}: NUL characters and unpaired surrogates are not allowed`);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_DEPTH) throw badRequest('invalid_request', `${path}: nested more than ${MAX_DEPTH} levels deep`);
  for (const [key, child] of Object.entries(value)) {
    assertStorable(key, `${path} (a key)`, depth);
    assertStorable(child, depth === 0 && path === 'body' ? key : `${path}.${key}`, depth + 1);
  }
}
