/**
 * Phone number normalisation to E.164, using libphonenumber-js with its "max" metadata so that
 * validity means "a number that can exist", not merely "has a plausible length".
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string; country: string | undefined } | { ok: false; reason: string };

/** Anything longer is not a phone number, and we do not hand unbounded input to the parser. */
const MAX_INPUT_LENGTH = 64;
/** E.164 allows 15 digits; a `00` international prefix adds 2. */
const MAX_DIGITS = 17;
const MIN_DIGITS = 3;

/**
 * Formatting people type between digits. Letters are refused on purpose: libphonenumber would
 * read vanity numbers (1-800-FLOWERS) and extensions ("ext. 12"), neither of which can take SMS.
 */
const ALLOWED = /^\+?[0-9 ()./\-\u00a0]+$/;
const E164 = /^\+[1-9][0-9]{1,14}$/;

const LENGTH_REASONS: Record<string, string> = {
  TOO_SHORT: 'is too short for its country',
  TOO_LONG: 'is too long for its country',
  INVALID_LENGTH: 'has an impossible length for its country',
  INVALID_COUNTRY: 'has an unknown country calling code',
  NOT_A_NUMBER: 'is not a phone number',
};

const fail = (reason: string): PhoneResult => ({ ok: false, reason });

function parse(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  // The parser is not documented as total; a throw is just another way of saying "not a number".
  try {
    return parsePhoneNumberFromString(text, country);
  } catch {
    return undefined;
  }
}

function explain(text: string, country: CountryCode | undefined): string {
  let code: string | undefined;
  try {
    code = validatePhoneNumberLength(text, country);
  } catch {
    code = 'NOT_A_NUMBER';
  }
  if (code !== undefined) return `phone number ${LENGTH_REASONS[code] ?? 'is not valid'}`;
  return 'phone number is not a valid number';
}

/**
 * The readings of an input to try, most likely first. A `00` prefix is taken as the ITU
 * international prefix (used by most countries), and bare digits without a default country are
 * taken as international digits missing their `+`, because that is how gateways and CSV exports
 * usually write numbers. With a default country, the national reading wins over the bare-digit one.
 */
function readings(compact: string, country: CountryCode | undefined): Array<[string, CountryCode | undefined]> {
  if (compact.startsWith('+')) return [[compact, undefined]];
  const out: Array<[string, CountryCode | undefined]> = [];
  if (country !== undefined) out.push([compact, country]);
  if (compact.startsWith('00')) out.push([`+${compact.slice(2)}`, undefined]);
  else if (country === undefined || !compact.startsWith('0')) out.push([`+${compact}`, undefined]);
  return out;
}

/**
 * Normalises a phone number to E.164. Accepts `+44 7400 123456`, `0044 7400 123456`,
 * `447400123456` (country code without `+`), and national formats such as `07400 123456` when
 * `defaultCountry` is given. Never throws: garbage comes back as `{ ok: false, reason }`.
 *
 * @param input - the number as typed
 * @param defaultCountry - ISO 3166-1 alpha-2 country used for national-format input
 * @returns the E.164 number and its country (undefined for non-geographic numbers), or a reason
 */
export function normalizePhone(input: string, defaultCountry?: string): PhoneResult {
  if (typeof input !== 'string') return fail('phone number must be a string');
  const trimmed = input.trim();
  if (trimmed === '') return fail('phone number is empty');
  if (trimmed.length > MAX_INPUT_LENGTH) return fail('phone number is too long');
  if (/[\p{L}]/u.test(trimmed)) return fail('phone number must not contain letters');
  if (!ALLOWED.test(trimmed)) return fail('phone number may contain only digits, spaces, ( ) . / - and a leading +');

  let country: CountryCode | undefined;
  if (defaultCountry !== undefined) {
    const upper = defaultCountry.toUpperCase();
    if (!isSupportedCountry(upper)) return fail(`unknown default country "${defaultCountry}"`);
    country = upper;
  }

  // "+44 (0)7400 123456" is a common UK/DE habit: the (0) is the national trunk prefix, which
  // does not belong in an international number.
  const withoutTrunk = trimmed.startsWith('+') ? trimmed.replace(/\(0\)/g, '') : trimmed;
  const compact = withoutTrunk.replace(/[^0-9+]/g, '');
  const digits = compact.replace(/\+/g, '').length;
  if (digits < MIN_DIGITS) return fail('phone number is too short');
  if (digits > MAX_DIGITS) return fail('phone number is too long');
  if (!compact.startsWith('+') && country === undefined && compact.startsWith('0') && !compact.startsWith('00')) {
    return fail('phone number is in national format; give a default country or an international number');
  }

  const tried = readings(compact, country);
  for (const [text, readingCountry] of tried) {
    const parsed = parse(text, readingCountry);
    if (parsed?.isValid() === true) {
      return { ok: true, e164: parsed.number, country: parsed.country };
    }
  }
  // Explain the most likely reading; the fallbacks are guesses the author did not ask for.
  const [first] = tried;
  return fail(first === undefined ? 'phone number is not valid' : explain(first[0], first[1]));
}

/**
 * True when `code` is an ISO 3166-1 alpha-2 country (any case) that phone numbers can be read
 * for, so configuration can check a default country once at boot.
 */
export function isKnownCountry(code: string): boolean {
  return isSupportedCountry(code.toUpperCase());
}

/**
 * The ISO 3166-1 alpha-2 country of an E.164 number, or undefined when the input is not E.164 or
 * the number belongs to no single country (e.g. +800 international freephone).
 *
 * @param e164 - a number such as `+447400123456`
 */
export function phoneCountry(e164: string): string | undefined {
  if (typeof e164 !== 'string' || !E164.test(e164)) return undefined;
  return parse(e164, undefined)?.country;
}
