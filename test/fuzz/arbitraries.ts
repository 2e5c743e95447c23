/**
 * Hostile values for the API fuzz tests: strings with NUL and lone surrogates, numbers JSON and
 * PostgreSQL read differently, dates calendars disagree about, deep JSON. Each list is the kind
 * of input that has broken a parser or a database insert somewhere before.
 */
import fc from 'fast-check';

/** Strings that break naive code: NUL, lone surrogates, bad percent-escapes, huge, SQL-ish. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ud83d\ude00',
  '\u202e\ufeff\uffff',
  '%',
  '%zz',
  '%00',
  '%ED%A0%80',
  '%C0%80',
  '%FF',
  '+',
  '&=&=',
  '\r\n\t',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  "'; DROP TABLE messages; --",
  '../../etc/passwd',
  'x'.repeat(70_000),
];

/** Numbers as text: beyond double, beyond int64, negative zero, hex, exponent overflow. */
export const NASTY_NUMBERS: readonly string[] = [
  '0',
  '-0',
  '-1',
  '1e309',
  '-1e309',
  '1e-400',
  '1e21',
  '9007199254740993',
  '99999999999999999999999999999999',
  '2147483648',
  '-2147483649',
  '9223372036854775808',
  'NaN',
  'Infinity',
  '0x1F',
  '1_000',
  '.5',
  '5.',
  '253402300800',
  '253402300800000',
  '8640000000000001',
  '-62135596800',
];

/** Dates no calendar has, or every calendar reads differently. */
export const ODD_DATES: readonly string[] = [
  '0000-00-00',
  '0000-01-01T00:00:00Z',
  '2025-02-30T00:00:00Z',
  '2025-13-01',
  '2025-01-01T24:00:00Z',
  '2016-12-31T23:59:60Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '+010000-01-01T00:00:00Z',
  '1970-01-01T00:00:00+25:00',
  '2025-01-01T00:00:00-14:01',
  '2025-01-01 12:00:00',
  '20250101120000',
  '2501011200',
  '99999999999999',
  '1735732800',
  '1735732800000',
  '01/02/2025',
  'Mon, 01 Jan 2025 00:00:00 GMT',
  'yesterday',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS, ...NASTY_NUMBERS, ...ODD_DATES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
);

/**
 * Keys for objects: ordinary, hostile, and the field names the API and the presets use. Not
 * `__proto__` or `constructor`: Fastify refuses a JSON body holding either as a key (a 400 for the
 * whole body, tested on its own in RAW_BODIES), which would hide everything else in it.
 */
export const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('to', 'content', 'id', 'status', 'timestamp', 'reference', 'messages', 'data', 'payload', '', '\u0000', '\ud800'),
  fc.string({ unit: 'binary', maxLength: 8 }).filter((k) => k !== '__proto__' && k !== 'constructor'),
);

/** JSON scalars, hostile ones included (JSON.stringify makes NaN and ±Infinity null). */
export const nastyScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 53 + 2, 2 ** 64, -(2 ** 63), 1e308, -1e-308, Number.MIN_VALUE, 0.1 + 0.2) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Any JSON value, a few levels deep, made of hostile scalars. */
export const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    nastyScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON nested `depth` levels: arrays, objects, or both in turn. */
export function deepJson(depth: number, kind: 'array' | 'object' | 'mixed'): string {
  const open = kind === 'array' ? '[' : kind === 'object' ? '{"a":' : '[{"a":';
  const close = kind === 'array' ? ']' : kind === 'object' ? '}' : '}]';
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

/** Bodies that are not what they claim to be, or barely JSON at all. */
export const RAW_BODIES: readonly string[] = [
  '',
  'null',
  '[]',
  '"messages"',
  '{"messages":null}',
  '{"messages":{}}',
  '{"messages":[null]}',
  '{"messages":[[]]}',
  '{"messages":[{"to":1e999,"content":1e999}]}',
  '{"messages":[{"to":"+447400123456","content":"x","billee":{"type":"t","id":123456789012345678901234567890}}]}',
  '{"messages":[{"to":"+447400123456","content":"\\u0000\\ud800"}]}',
  '{"messages":[{"to":"+447400123456","content":"x","metadata":{"\\u0000":"\\udfff"}}]}',
  '{"messages":[{"to":"+447400123456","content":"x","sendAt":"+275760-09-13T00:00:00.000Z"}]}',
  '{"messages":[{"to":"+447400123456","content":"x","validUntil":"1969-12-31T23:59:59Z"}]}',
  '{"messages":[{"to":"+447400123456","content":"x","__proto__":{"admin":true}}]}',
  '{"messages":[],"messages":[{"to":"+1"}]}',
  '\ufeff{"messages":[]}',
  '{"messages":[',
  '{"messages":[{"to":"+447400123456","content":"x"}]} trailing',
  deepJson(1_000, 'array'),
  deepJson(20_000, 'mixed'),
  `{"messages":${deepJson(50_000, 'array')}}`,
  `{"messages":[{"to":"+447400123456","content":"x","metadata":${deepJson(5_000, 'object')}}]}`,
];

/** Content types a client or a provider might send, honestly or not. */
export const CONTENT_TYPES: readonly (string | undefined)[] = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
];
