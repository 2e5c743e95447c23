import type { Behaviour, BehaviourRules, SandboxMode, SandboxOutcome } from './types.js';

/** The behaviour of a well-run provider: accept everything, report delivery after 200 ms. */
export const DEFAULT_BEHAVIOUR: Readonly<Behaviour> = Object.freeze({
  latencyMs: 0,
  failureRate: 0,
  mode: 'ok',
  retryAfterSeconds: 1,
  slowMs: 2000,
  failFirst: 0,
  outcome: 'delivered',
  dlrDelayMs: 200,
  intermediate: false,
  dlrDuplicates: 0,
  dlrBeforeResponse: false,
});

const MODES: readonly SandboxMode[] = ['ok', 'http500', 'http503', 'http429', 'http401', 'reject', 'hang', 'slow', 'reset', 'acceptHang'];
const OUTCOMES: readonly SandboxOutcome[] = ['delivered', 'failed', 'expired', 'none'];
const COUNTS = ['latencyMs', 'retryAfterSeconds', 'slowMs', 'failFirst', 'dlrDelayMs', 'dlrDuplicates'] as const;
const FLAGS = ['intermediate', 'dlrBeforeResponse'] as const;
const KNOWN = new Set<string>(Object.keys(DEFAULT_BEHAVIOUR));

/** Result of validating untrusted input. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

/**
 * Validates a partial behaviour from JSON (control API, `X-Sandbox-Behaviour`). Unknown keys are
 * errors: a typo such as `failfirst` would otherwise silently test nothing.
 */
export function parseBehaviour(input: unknown): Parsed<Partial<Behaviour>> {
  if (!isRecord(input)) return { ok: false, errors: ['behaviour must be a JSON object'] };
  const errors: string[] = [];
  const out: Partial<Behaviour> = {};
  for (const key of Object.keys(input)) {
    if (!KNOWN.has(key)) errors.push(`unknown knob "${key}"`);
  }
  for (const key of COUNTS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[key] = v;
    else errors.push(`${key} must be a non-negative integer`);
  }
  for (const key of FLAGS) {
    const v = input[key];
    if (v === undefined) continue;
    if (typeof v === 'boolean') out[key] = v;
    else errors.push(`${key} must be a boolean`);
  }
  const rate = input.failureRate;
  if (rate !== undefined) {
    if (typeof rate === 'number' && rate >= 0 && rate <= 1) out.failureRate = rate;
    else errors.push('failureRate must be a number from 0 to 1');
  }
  if (input.mode !== undefined) {
    if (isOneOf(MODES, input.mode)) out.mode = input.mode;
    else errors.push(`mode must be one of ${MODES.join(', ')}`);
  }
  if (input.outcome !== undefined) {
    if (isOneOf(OUTCOMES, input.outcome)) out.outcome = input.outcome;
    else errors.push(`outcome must be one of ${OUTCOMES.join(', ')}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/**
 * Validates a rules object `{ "<digits>": behaviour | null }`; null removes a rule.
 */
export function parseRules(input: unknown): Parsed<Record<string, Partial<Behaviour> | null>> {
  if (!isRecord(input)) return { ok: false, errors: ['rules must be a JSON object'] };
  const errors: string[] = [];
  const out: Record<string, Partial<Behaviour> | null> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null) {
      out[ruleKey(key)] = null;
      continue;
    }
    const parsed = parseBehaviour(value);
    if (parsed.ok) out[ruleKey(key)] = parsed.value;
    else errors.push(...parsed.errors.map((e) => `rules["${key}"]: ${e}`));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/** Rules are keyed by digits so `+4477…` and `4477…` name the same phone. */
export function ruleKey(to: string): string {
  return to.startsWith('+') ? to.slice(1) : to;
}

/** Picks only the behaviour knobs out of a wider object (such as {@link SandboxOptions}). */
export function pickBehaviour(source: Partial<Behaviour>): Partial<Behaviour> {
  const out: Record<string, unknown> = {};
  for (const key of KNOWN) {
    const v = (source as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as Partial<Behaviour>;
}

/** Mutable behaviour of one sandbox: global knobs, per-recipient rules and failFirst counts. */
export interface BehaviourState {
  current(): Behaviour;
  rules(): BehaviourRules;
  set(patch: Partial<Behaviour>): void;
  setRule(to: string, patch: Partial<Behaviour> | null): void;
  /** Effective behaviour of one request: defaults ← global ← rule for `to` ← header. */
  resolve(to: string | null, header: Partial<Behaviour>): Behaviour;
  /** Counts one request against failFirst; true when it must fail. */
  takeFailFirst(to: string | null, limit: number): boolean;
  reset(): void;
}

/**
 * Creates the behaviour state. Counters restart whenever the behaviour changes, so a test that
 * sets `failFirst: 2` gets exactly two failures whatever was sent before.
 */
export function createBehaviourState(start: Partial<Behaviour>, startRules: BehaviourRules = {}): BehaviourState {
  let global: Behaviour = { ...DEFAULT_BEHAVIOUR, ...pickBehaviour(start) };
  let rules = new Map<string, Partial<Behaviour>>();
  const failCounts = new Map<string, number>();
  const loadRules = (): void => {
    rules = new Map(Object.entries(startRules).map(([k, v]) => [ruleKey(k), pickBehaviour(v)]));
  };
  loadRules();

  return {
    current: () => ({ ...global }),
    rules: () => Object.fromEntries(rules),
    set(patch) {
      global = { ...global, ...pickBehaviour(patch) };
      failCounts.clear();
    },
    setRule(to, patch) {
      const key = ruleKey(to);
      if (patch === null) rules.delete(key);
      else rules.set(key, { ...rules.get(key), ...pickBehaviour(patch) });
      failCounts.delete(key);
    },
    resolve(to, header) {
      const rule = to === null ? undefined : rules.get(to);
      return { ...global, ...rule, ...header };
    },
    takeFailFirst(to, limit) {
      if (limit <= 0) return false;
      const key = to ?? '';
      const seen = (failCounts.get(key) ?? 0) + 1;
      failCounts.set(key, seen);
      return seen <= limit;
    },
    reset() {
      global = { ...DEFAULT_BEHAVIOUR, ...pickBehaviour(start) };
      loadRules();
      failCounts.clear();
    },
  };
}
