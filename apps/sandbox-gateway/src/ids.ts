import { randomBytes } from 'node:crypto';

/**
 * A provider-style opaque id (`sbx_` + 20 hex digits). Crypto randomness rather than the injectable random
 * source, so a test that pins `random` for failureRate still gets unique ids.
 */
export function newId(prefix: string): string {
  return prefix + randomBytes(10).toString('hex');
}
