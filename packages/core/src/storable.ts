/**
 * What PostgreSQL text and jsonb refuse: NUL, a high surrogate not followed by a low one, or a
 * low one not preceded by a high one. Stored as given, any of them surfaces as a 500; every
 * input path (the API's schemas, the provider callbacks' parsers) checks or cleans with this one.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this must find.
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
