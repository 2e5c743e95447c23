import { describe, expect, it } from 'vitest';
import {
  CANCELLABLE,
  CLAIMABLE,
  JOBS,
  jobQueueName,
  parseJobPayload,
  PermanentJobError,
  RetryableJobError,
  sendDelayMs,
  sendQueueName,
  ThrottledJobError,
  type JobName,
  type JobSpec,
} from '../src/index.js';

const entries = Object.entries(JOBS) as [JobName, JobSpec][];

describe('the job catalog', () => {
  it('names a string payload field as the id or the dedupe key of every job that has one', () => {
    for (const [name, spec] of entries) {
      const shape = (spec.payload as unknown as { shape: Record<string, unknown> }).shape;
      for (const field of [spec.idField, spec.dedupeField]) if (field !== undefined) expect(Object.keys(shape), name).toContain(field);
      expect(spec.idField !== undefined && spec.dedupeField !== undefined, name).toBe(false);
    }
  });

  it('gives every job a positive attempt budget, and a backoff to every job that retries', () => {
    for (const [name, spec] of entries) {
      expect(spec.attempts, name).toBeGreaterThanOrEqual(1);
      if (spec.attempts > 1) expect(spec.backoff?.delay, name).toBeGreaterThan(0);
    }
  });

  it('gives both webhook lanes one budget: a delivery moved between them keeps its retries', () => {
    expect({ ...JOBS.webhookSlow, queue: '' }).toEqual({ ...JOBS.webhook, queue: '' });
    expect(JOBS.webhook.queue).not.toBe(JOBS.webhookSlow.queue);
  });

  it('routes a send to its gateway’s queue and every other job to its fixed queue', () => {
    expect(jobQueueName('send', { gateway: 'acme' })).toBe('send.acme');
    expect(sendQueueName('acme')).toBe('send.acme');
    expect(jobQueueName('replyHandler', {})).toBe('reply-handlers');
    expect(() => jobQueueName('send', {} as { gateway: string })).toThrow(/needs a gateway/);
  });
});

describe('job payloads', () => {
  it('parses a payload of the catalog', () => {
    expect(parseJobPayload('send', { messageId: 'msg_1' })).toEqual({ messageId: 'msg_1' });
  });

  it('refuses a malformed payload as permanent, naming fields but never values', () => {
    const err = (() => {
      try {
        parseJobPayload('send', { messageId: '+447700900123', to: '+447700900123' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(PermanentJobError);
    expect((err as Error).message).toMatch(/invalid send job payload/);
    expect((err as Error).message).not.toContain('+447700900123');
    expect(() => parseJobPayload('webhook', { deliveryId: 5 })).toThrow(PermanentJobError);
  });
});

describe('job errors', () => {
  it('say how the worker treats them', () => {
    expect(new RetryableJobError('x').failure).toBe('retryable');
    expect(new PermanentJobError('x').failure).toBe('permanent');
    const throttled = new ThrottledJobError(1500);
    expect([throttled.failure, throttled.retryAfterMs, throttled.message]).toEqual(['throttled', 1500, 'throttled for 1500 ms']);
  });
});

describe('send delay', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  it('waits for a scheduled message’s time, and not at all otherwise', () => {
    expect(sendDelayMs({ status: 'scheduled', sendAt: new Date(now + 60_000) }, now)).toBe(60_000);
    expect(sendDelayMs({ status: 'scheduled', sendAt: new Date(now - 60_000) }, now)).toBe(0);
    expect(sendDelayMs({ status: 'queued', sendAt: new Date(now + 60_000) }, now)).toBe(0);
    expect(sendDelayMs({ status: 'scheduled', sendAt: null }, now)).toBe(0);
  });
});

describe('status sets', () => {
  it('claims what is waiting to be sent; cancels and expires only what nobody holds yet', () => {
    expect([...CLAIMABLE].sort()).toEqual(['queued', 'scheduled']);
    expect([...CANCELLABLE].sort()).toEqual(['queued', 'scheduled']);
  });
});
