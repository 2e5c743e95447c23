/**
 * Masking for logs: enough of a phone number survives to tell numbers and countries apart while
 * debugging, never enough to dial; message bodies and secrets keep only their length.
 */

const KEEP_LEADING_DIGITS = 4;
const KEEP_TRAILING_DIGITS = 2;
/** Below this many digits, showing 6 of them would reveal most of the number. */
const MIN_DIGITS_TO_PARTLY_SHOW = 10;

/**
 * Masks a phone number for logging: keeps the `+`, the first 4 digits (country code and a little
 * of the network prefix) and the last 2, and replaces the rest with `*`, so `+447400123456`
 * becomes `+4474******56`. Input with fewer than 10 digits, or anything that is not a plain
 * `+digits` string, is masked completely (one `*` per character) rather than guessed at.
 *
 * @param e164 - the number, normally E.164
 */
export function maskPhone(e164: string): string {
  const match = /^(\+?)([0-9]+)$/.exec(e164);
  const plus = match?.[1] ?? '';
  const digits = match?.[2] ?? '';
  if (match === null || digits.length < MIN_DIGITS_TO_PARTLY_SHOW) return '*'.repeat(e164.length);
  const hidden = digits.length - KEEP_LEADING_DIGITS - KEEP_TRAILING_DIGITS;
  return plus + digits.slice(0, KEEP_LEADING_DIGITS) + '*'.repeat(hidden) + digits.slice(digits.length - KEEP_TRAILING_DIGITS);
}

/**
 * Replaces text (a message body, a credential) with its length, so logs show that something was
 * there and how big it was, but not what it said.
 *
 * @param s - the text to hide
 * @returns `[redacted N chars]`, N counted in Unicode code points
 */
export function redactText(s: string): string {
  let n = 0;
  // Counting code points without materialising an array, since bodies can be long.
  for (const _ of s) n++;
  return `[redacted ${n} chars]`;
}
