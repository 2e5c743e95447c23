import { countParts } from './segments.js';

/** An API error as the provider answers it: `{"error":{"code","message"}}`. */
export interface ApiError {
  code: string;
  message: string;
}

/** A validated send request. */
export interface SendParams {
  /** Recipient digits without `+`. */
  to: string;
  from: string | null;
  text: string;
  unicode: boolean | undefined;
  reference: string | null;
  statusUrl: string | null;
  replyUrl: string | null;
  parts: number;
}

/** The longest text accepted, in parts, like providers that cap concatenation. */
export const MAX_PARTS = 30;

/**
 * Turns a raw body (the sandbox parses bodies itself, so even unparseable requests get recorded)
 * into flat string fields. JSON numbers and booleans are accepted as providers usually do.
 */
export function parseBody(contentType: string | undefined, body: unknown): { params: Record<string, string>; error: ApiError | null } {
  const raw = typeof body === 'string' ? body : '';
  if (raw.trim() === '') return { params: {}, error: null };
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') {
    const params: Record<string, string> = {};
    // First value wins: a repeated field is more likely a client bug than a list.
    for (const [k, v] of new URLSearchParams(raw)) if (!(k in params)) params[k] = v;
    return { params, error: null };
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { params: {}, error: { code: 'invalid_body', message: 'body is not valid JSON' } };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { params: {}, error: { code: 'invalid_body', message: 'body must be a JSON object' } };
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') params[k] = v;
      else if (typeof v === 'number') params[k] = String(v);
      else if (typeof v === 'boolean') params[k] = v ? '1' : '0';
      else return { params, error: { code: 'invalid_parameter', message: `${k} must be a string` } };
    }
    return { params, error: null };
  }
  return { params: {}, error: { code: 'unsupported_media_type', message: 'send JSON or form-encoded data' } };
}

/** Recipient digits without `+`, or null when `to` is not a plausible phone number. */
export function normalizeNumber(to: string | undefined): string | null {
  if (to === undefined) return null;
  const trimmed = to.trim();
  return /^\+?\d{5,15}$/.test(trimmed) ? trimmed.replace(/^\+/, '') : null;
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validates the fields of `POST /api/send`; the first problem found is the answer. */
export function validateSend(p: Record<string, string>): { ok: true; value: SendParams } | { ok: false; error: ApiError } {
  const fail = (code: string, message: string) => ({ ok: false as const, error: { code, message } });
  if (p.to === undefined || p.to.trim() === '') return fail('missing_to', 'to is required');
  const to = normalizeNumber(p.to);
  if (to === null) return fail('invalid_number', 'to must be 5 to 15 digits with an optional leading +');
  const text = p.text;
  if (text === undefined || text === '') return fail('missing_text', 'text is required');
  const from = p.from === undefined || p.from === '' ? null : p.from;
  // Alphanumeric sender ids are capped at 11 characters by networks, numeric ones at 15 digits.
  if (from !== null && !/^\+?\d{1,15}$/.test(from) && !/^[A-Za-z0-9 ]{1,11}$/.test(from)) {
    return fail('invalid_sender', 'from must be up to 11 letters/digits or up to 15 digits');
  }
  let unicode: boolean | undefined;
  if (p.unicode === '1') unicode = true;
  else if (p.unicode === '0') unicode = false;
  else if (p.unicode !== undefined && p.unicode !== '') return fail('invalid_parameter', 'unicode must be "1" or "0"');
  const statusUrl = p.status_url === undefined || p.status_url === '' ? null : p.status_url;
  if (statusUrl !== null && !isHttpUrl(statusUrl)) return fail('invalid_url', 'status_url must be an http(s) URL');
  const replyUrl = p.reply_url === undefined || p.reply_url === '' ? null : p.reply_url;
  if (replyUrl !== null && !isHttpUrl(replyUrl)) return fail('invalid_url', 'reply_url must be an http(s) URL');
  const { parts } = countParts(text, unicode);
  if (parts > MAX_PARTS) return fail('text_too_long', `text needs more than ${MAX_PARTS} parts`);
  const reference = p.reference === undefined || p.reference === '' ? null : p.reference;
  return { ok: true, value: { to, from, text, unicode, reference, statusUrl, replyUrl, parts } };
}
