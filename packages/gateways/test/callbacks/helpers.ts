import { expect } from 'vitest';
import { AppError } from '@smsgw/core';
import { gatewayConfigSchema, type ReplyCallbackConfig, type StatusCallbackConfig } from '../../src/config/schema.js';
import type { CallbackRequest } from '../../src/callbacks/request.js';

const SEND = { method: 'POST', url: 'https://example.test/send', body: 'form' } as const;

/** A status callback config through the real schema, so every fixture is a config a user could write. */
export function statusConfig(input: Record<string, unknown>): StatusCallbackConfig {
  const cfg = gatewayConfigSchema.parse({ send: SEND, statusCallback: input }).statusCallback;
  if (!cfg) throw new Error('no statusCallback');
  return cfg;
}

export function replyConfig(input: Record<string, unknown>): ReplyCallbackConfig {
  const cfg = gatewayConfigSchema.parse({ send: SEND, replyCallback: input }).replyCallback;
  if (!cfg) throw new Error('no replyCallback');
  return cfg;
}

/** A request as the API would hand it over; the query is taken from the URL unless given. */
export function request(init: Partial<CallbackRequest> & { url?: string }): CallbackRequest {
  const url = init.url ?? 'https://smsgw.example.test/callbacks/gw/tok/status';
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(url).searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return {
    method: init.method ?? 'GET',
    url,
    query: init.query ?? query,
    headers: init.headers ?? {},
    rawBody: init.rawBody ?? '',
    contentType: init.contentType,
  };
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function formPost(url: string, params: Record<string, string>, headers: Record<string, string> = {}): CallbackRequest {
  return request({ method: 'POST', url, rawBody: new URLSearchParams(params).toString(), contentType: FORM, headers });
}

export function jsonPost(url: string, body: unknown, headers: Record<string, string> = {}): CallbackRequest {
  return request({ method: 'POST', url, rawBody: JSON.stringify(body), contentType: JSON_TYPE, headers });
}

/** Asserts `fn` throws a 400 invalid_callback whose message matches, and returns that message. */
export function expectInvalid(fn: () => unknown, message?: RegExp | string): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid_callback');
    if (message !== undefined) expect(e.message).toMatch(message);
    return e.message;
  }
  throw new Error('expected an invalid_callback error');
}
