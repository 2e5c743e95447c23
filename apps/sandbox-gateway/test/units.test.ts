import { describe, expect, it } from 'vitest';
import { createBehaviourState, parseBehaviour } from '../src/behaviour.js';
import { countParts, DEFAULT_BEHAVIOUR, loadConfig } from '../src/index.js';
import { normalizeNumber } from '../src/params.js';

describe('countParts', () => {
  it.each([
    ['a'.repeat(160), undefined, 1, 'gsm7'],
    ['a'.repeat(161), undefined, 2, 'gsm7'],
    ['a'.repeat(306), undefined, 2, 'gsm7'],
    ['a'.repeat(307), undefined, 3, 'gsm7'],
    ['€'.repeat(80), undefined, 1, 'gsm7'], // extension table: two septets each
    ['€'.repeat(81), undefined, 2, 'gsm7'],
    // 152 septets then an escape pair that cannot be split: it moves to part two.
    ['a'.repeat(152) + '€' + 'a'.repeat(8), undefined, 2, 'gsm7'],
    ['ж'.repeat(70), undefined, 1, 'ucs2'],
    ['ж'.repeat(71), undefined, 2, 'ucs2'],
    ['😀'.repeat(35), undefined, 1, 'ucs2'],
    ['a'.repeat(66) + '😀', undefined, 1, 'ucs2'], // 68 units fit in one part
    ['a'.repeat(66) + '😀' + 'a'.repeat(3), undefined, 2, 'ucs2'],
    ['hello', true, 1, 'ucs2'],
    ['жжж', false, 1, 'gsm7'],
  ] as const)('%#: %s', (text, unicode, parts, encoding) => {
    expect(countParts(text, unicode)).toEqual({ parts, encoding });
  });

  it('does not split a surrogate pair across parts', () => {
    // 66 units, then an emoji would straddle the 67-unit boundary: three parts, not two.
    expect(countParts('a'.repeat(66) + '😀' + 'a'.repeat(66), undefined).parts).toBe(3);
  });
});

describe('behaviour', () => {
  it('validates knobs and rejects unknown ones', () => {
    expect(parseBehaviour({ mode: 'hang', failFirst: 2, intermediate: true })).toEqual({
      ok: true,
      value: { mode: 'hang', failFirst: 2, intermediate: true },
    });
    const bad = parseBehaviour({ mode: 'boom', failureRate: 2, failFirst: -1, nope: 1 });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.errors).toHaveLength(4);
    expect(parseBehaviour([1]).ok).toBe(false);
  });

  it('resolves defaults ← global ← rule ← header', () => {
    const state = createBehaviourState({ latencyMs: 5 }, { '+447700900001': { mode: 'reject', outcome: 'failed' } });
    expect(state.resolve('447700900002', {})).toEqual({ ...DEFAULT_BEHAVIOUR, latencyMs: 5 });
    expect(state.resolve('447700900001', { outcome: 'expired' })).toMatchObject({ latencyMs: 5, mode: 'reject', outcome: 'expired' });
    state.setRule('447700900001', null);
    expect(state.resolve('447700900001', {}).mode).toBe('ok');
    state.set({ mode: 'http500' });
    state.reset();
    expect(state.current()).toEqual({ ...DEFAULT_BEHAVIOUR, latencyMs: 5 });
    expect(state.rules()).toEqual({ '447700900001': { mode: 'reject', outcome: 'failed' } });
  });
});

describe('normalizeNumber', () => {
  it.each([
    ['+447700900001', '447700900001'],
    [' 447700900001 ', '447700900001'],
    ['4477-00900001', null],
    ['1234', null],
    ['1234567890123456', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeNumber(input)).toBe(expected);
  });
});

describe('loadConfig', () => {
  it('has safe defaults', () => {
    const config = loadConfig({});
    expect(config.options).toMatchObject({ port: 4010, host: '127.0.0.1', apiKey: undefined, rules: {} });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads knobs, JSON behaviour and rules', () => {
    const config = loadConfig({
      SANDBOX_PORT: '0',
      SANDBOX_API_KEY: 'k',
      SANDBOX_DLR_DELAY_MS: '10',
      SANDBOX_FAILURE_RATE: '0.25',
      SANDBOX_INTERMEDIATE: 'true',
      SANDBOX_BEHAVIOUR: '{"mode":"slow","slowMs":100,"dlrDelayMs":99}',
      SANDBOX_RULES: '{"447700900001":{"mode":"reject"}}',
    });
    expect(config.options).toMatchObject({
      port: 0,
      apiKey: 'k',
      dlrDelayMs: 10,
      failureRate: 0.25,
      intermediate: true,
      mode: 'slow',
      slowMs: 100,
      rules: { '447700900001': { mode: 'reject' } },
    });
  });

  it('lists every problem at once', () => {
    expect(() =>
      loadConfig({ SANDBOX_PORT: 'x', SANDBOX_MODE: 'boom', SANDBOX_DLR_DELAY_MS: '-1', SANDBOX_RULES: '{', SANDBOX_STATUS_URL: 'nope' }),
    ).toThrow(/SANDBOX_PORT[\s\S]*SANDBOX_DLR_DELAY_MS[\s\S]*SANDBOX_MODE[\s\S]*SANDBOX_RULES[\s\S]*SANDBOX_STATUS_URL/);
  });
});
