/**
 * Decimal amounts stay text end to end (PostgreSQL numeric → JSON string): a price of 0.0465 per
 * segment must not become 0.046499999 on the way. This is the one sum the API does itself.
 */

/** `amount` × `factor` (an integer), exactly, keeping the amount's decimal places. */
export function multiplyDecimal(amount: string, factor: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m || !Number.isSafeInteger(factor)) throw new Error(`not a decimal amount: ${amount}`);
  const [, sign = '', whole = '0', fraction = ''] = m;
  const scaled = BigInt(`${whole}${fraction}`) * BigInt(factor);
  const digits = scaled.toString().padStart(fraction.length + 1, '0');
  const cut = digits.length - fraction.length;
  const text = fraction.length === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return scaled === 0n ? text : `${sign}${text}`;
}
