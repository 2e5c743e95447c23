import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../apps/api/test/helpers.js';
import { CONTENT_TYPES, nastyJson, nastyKey, nastyScalar, nastyString, ODD_DATES, RAW_BODIES } from './arbitraries.js';

/**
 * POST /v1/messages/batch through app.inject against the real test database: whatever the
 * body — hostile strings, numbers, dates, deep or broken JSON — the answer is never a 5xx, and
 * a 202 answers every item, by index, with a message or an error.
 */
const VALID_TO = ['+447400123456', '+12025550123', '+4915123456789'];

describe('fuzz: POST /v1/messages/batch never answers 5xx', () => {
  const t = useTestApp();
  let gateway = '';

  /** Mostly `valid`, now and then `hostile`: most items must pass validation to reach the database. */
  const mostly = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) =>
    fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostile });

  /** Dates the schema takes (1970–9999, with an offset) and ones it must refuse. */
  const date = mostly(
    fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom(...ODD_DATES),
  );

  /**
   * One item: a valid message with hostile-but-plausible optional fields (so many reach the
   * database), sometimes with a field or two replaced by anything at all, sometimes anything.
   */
  const item = (): fc.Arbitrary<unknown> =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .record({
            base: fc.record({
              to: fc.constantFrom(...VALID_TO),
              content: fc.oneof(nastyString, fc.string({ unit: 'binary', maxLength: 300 })),
              gateway: fc.constant(gateway),
            }),
            optional: fc.record(
              {
                from: mostly(
                  fc.constantFrom('Acme', 'Acme Inc', '12345', '447400123456'),
                  fc.string({ unit: 'binary', minLength: 1, maxLength: 11 }),
                ),
                billee: fc.record({
                  type: fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
                  id: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 128 }), fc.integer(), fc.constant(2 ** 53 + 2)),
                }),
                metadata: fc.dictionary(nastyKey, nastyJson, { maxKeys: 5 }),
                sendAt: date,
                validUntil: date,
                replyCallback: mostly(fc.constantFrom('yes-no', 'a.b:c_d-e'), nastyString),
                webhookUrl: mostly(
                  fc.constantFrom('http://127.0.0.1:9/hook', 'https://example.invalid/h?x=%00'),
                  fc.constantFrom('https://example.invalid/\u0000', 'http://[::1]:0/', 'javascript:alert(1)'),
                ),
                smartEncoding: mostly(fc.boolean(), nastyScalar),
              },
              { requiredKeys: [] },
            ),
            chaos: fc.array(
              fc.tuple(fc.constantFrom('to', 'content', 'gateway', 'from', 'billee', 'metadata', 'sendAt', 'template', 'x'), nastyJson),
              { maxLength: 2 },
            ),
            chaotic: fc.nat(3).map((n) => n === 0),
          })
          .map(({ base, optional, chaos, chaotic }) => ({ ...base, ...optional, ...(chaotic ? Object.fromEntries(chaos) : {}) })),
      },
      { weight: 1, arbitrary: nastyJson },
    );

  const post = (payload: string | Buffer, contentType: string | undefined, idempotencyKey?: string) =>
    t.request({
      method: 'POST',
      url: '/v1/messages/batch',
      headers: {
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      payload,
    });

  /** Answers seen, and items stored: proof that the fuzz reaches the database, not only the validator. */
  const seen = { statuses: new Map<number, number>(), stored: 0 };

  /** A 202's per-item results cover every index once, each a message or an error. */
  const checkAnswer = (status: number, body: string, items: number) => {
    expect(status, body.slice(0, 500)).toBeLessThan(500);
    seen.statuses.set(status, (seen.statuses.get(status) ?? 0) + 1);
    if (status !== 202) return;
    const parsed = JSON.parse(body) as {
      accepted: number;
      rejected: number;
      data: { index: number; message?: unknown; error?: unknown }[];
    };
    seen.stored += parsed.accepted;
    expect(parsed.data.map((d) => d.index).sort((a, b) => a - b)).toEqual(Array.from({ length: items }, (_, i) => i));
    for (const d of parsed.data) expect(d.message !== undefined || d.error !== undefined).toBe(true);
    expect(parsed.accepted + parsed.rejected).toBe(items);
  };

  it('arbitrary items (hostile strings, numbers, dates, nested metadata), with or without an Idempotency-Key', async () => {
    gateway = await t.createGateway();
    await fc.assert(
      fc.asyncProperty(
        fc.array(item(), { minLength: 1, maxLength: 6 }),
        // The batch's own options: all-or-nothing, and a webhook URL for all its messages.
        fc.record(
          {
            atomic: fc.oneof({ weight: 9, arbitrary: fc.boolean() }, { weight: 1, arbitrary: nastyScalar }),
            webhookUrl: fc.oneof(
              { weight: 9, arbitrary: fc.constant('http://127.0.0.1:9/batch-hook') },
              { weight: 1, arbitrary: nastyString },
            ),
          },
          { requiredKeys: [] },
        ),
        fc.option(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }), { nil: undefined }),
        async (items, options, key) => {
          const res = await post(
            JSON.stringify({ messages: items, ...options }),
            'application/json',
            key === undefined ? undefined : `fuzz-${key}`,
          );
          checkAnswer(res.statusCode, res.body, items.length);
        },
      ),
      { numRuns: 500, interruptAfterTimeLimit: 60_000 },
    );
    console.log('[fuzz] batch answers:', Object.fromEntries(seen.statuses), `items stored: ${seen.stored}`);
    expect(seen.stored).toBeGreaterThan(30);
  }, 120_000);

  it('the same Idempotency-Key reused with other items: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(item(), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }), async (batches) => {
        const key = `fuzz-reuse-${Math.random().toString(36).slice(2)}`;
        for (const items of batches) {
          const res = await post(JSON.stringify({ messages: items }), 'application/json', key);
          expect(res.statusCode, res.body.slice(0, 500)).toBeLessThan(500);
        }
      }),
      { numRuns: 60, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);

  it('raw bodies: broken, deep, duplicated or mislabelled JSON, and random bytes', async () => {
    const bodies = fc.oneof(
      fc.constantFrom(...RAW_BODIES),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(...CONTENT_TYPES), async (body, contentType) => {
        const res = await post(body, contentType);
        expect(res.statusCode, `${contentType ?? '(none)'}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
      }),
      // Every listed raw body with several content types, plus random ones.
      { numRuns: 150, interruptAfterTimeLimit: 60_000, examples: RAW_BODIES.map((b) => [b, 'application/json'] as [string, string]) },
    );
  }, 120_000);
});
