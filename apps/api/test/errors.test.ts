import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, ERROR_STATUS, notFound, statusOf, unprocessable } from '@smsgw/core';
import { json, useTestApp } from './helpers.js';

describe('the error model', () => {
  it('takes the status from the code, and keeps details and cause', () => {
    const cause = new Error('socket hang up');
    const err = new AppError('gateway_in_use', 'busy', { details: { pending: { queued: 1 } }, cause });
    expect(err.status).toBe(409);
    expect(err.details).toEqual({ pending: { queued: 1 } });
    expect(err.cause).toBe(cause);
    expect(notFound('Message')).toMatchObject({ code: 'not_found', status: 404, message: 'Message not found' });
  });

  it('still takes the earlier forms (status first; status-named helpers)', () => {
    expect(new AppError(502, 'balance_query_failed', 'no balance', { why: 'HTTP 500' })).toMatchObject({
      status: 502,
      details: { why: 'HTTP 500' },
    });
    expect(unprocessable('unknown_preset', 'no such preset')).toMatchObject({ code: 'unknown_preset', status: 422 });
  });

  it('has one status per code, every one a client or server error', () => {
    for (const code of ERROR_CODES) expect(statusOf(code), code).toBeGreaterThanOrEqual(400);
    expect(ERROR_CODES).toHaveLength(Object.keys(ERROR_STATUS).length);
  });
});

describe('validation errors keep our format', () => {
  const t = useTestApp();

  it('400 invalid_request naming the field, and nothing else in the body', async () => {
    const res = await t.request({ method: 'POST', url: '/v1/messages', payload: { to: 5, content: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(/^to: /) } });
  });

  it('names every bad field of a nested body', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v1/routes',
      payload: { name: 'r', targets: [{ gateway: 'Bad Name', rank: -1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res).error?.message).toMatch(/targets\.0\.gateway: .*; targets\.0\.rank: /);
  });

  it('names the query when the fault is the query as a whole', async () => {
    const res = await t.request({ method: 'GET', url: '/v1/messages?colour=blue' });
    expect(res.statusCode).toBe(400);
    expect(json(res).error).toEqual({ code: 'invalid_request', message: expect.stringMatching(/^query: .*colour/) });
  });
});
