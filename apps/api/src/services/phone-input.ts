import { AppError, normalizePhone } from '@smsgw/core';

/**
 * A phone number from a request, in E.164: opt-outs, sender numbers and filters are stored and
 * searched that way, so a number typed any way finds its entry. 400 naming `field` otherwise.
 */
export function e164Of(value: string, defaultCountry: string | undefined, field: string): string {
  const n = normalizePhone(value, defaultCountry);
  if (!n.ok) throw new AppError('invalid_request', `${field}: ${n.reason}`);
  return n.e164;
}
