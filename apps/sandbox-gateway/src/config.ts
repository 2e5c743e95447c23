import { parseBehaviour, parseRules } from './behaviour.js';
import type { Behaviour, BehaviourRules, SandboxOptions } from './types.js';

/** Configuration of the standalone sandbox, validated once at boot. */
export interface SandboxConfig {
  readonly logLevel: string;
  readonly options: Readonly<SandboxOptions>;
}

/** Environment variables holding a single behaviour knob, and how each is read. */
const KNOB_VARS: ReadonlyArray<[string, keyof Behaviour, 'int' | 'rate' | 'word' | 'bool']> = [
  ['SANDBOX_DLR_DELAY_MS', 'dlrDelayMs', 'int'],
  ['SANDBOX_LATENCY_MS', 'latencyMs', 'int'],
  ['SANDBOX_FAILURE_RATE', 'failureRate', 'rate'],
  ['SANDBOX_MODE', 'mode', 'word'],
  ['SANDBOX_OUTCOME', 'outcome', 'word'],
  ['SANDBOX_FAIL_FIRST', 'failFirst', 'int'],
  ['SANDBOX_INTERMEDIATE', 'intermediate', 'bool'],
  ['SANDBOX_DLR_DUPLICATES', 'dlrDuplicates', 'int'],
];

function parseJson(name: string, raw: string, problems: string[]): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    problems.push(`${name} is not valid JSON`);
    return undefined;
  }
}

function readKnob(raw: string, kind: 'int' | 'rate' | 'word' | 'bool'): unknown {
  if (kind === 'word') return raw;
  if (kind === 'bool') return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
  const n = Number(raw);
  return raw.trim() === '' || Number.isNaN(n) ? raw : n;
}

/**
 * Reads the sandbox configuration from environment variables (see README). Every problem is
 * listed in one error, so a bad deployment is fixed in one go. The result is frozen.
 */
export function loadConfig(env: Record<string, string | undefined>): SandboxConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const portRaw = get('SANDBOX_PORT') ?? '4010';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('SANDBOX_PORT must be a port number');

  let knobs: Partial<Behaviour> = {};
  const json = get('SANDBOX_BEHAVIOUR');
  if (json !== undefined) {
    const parsed = parseBehaviour(parseJson('SANDBOX_BEHAVIOUR', json, problems) ?? {});
    if (parsed.ok) knobs = parsed.value;
    else problems.push(...parsed.errors.map((e) => `SANDBOX_BEHAVIOUR: ${e}`));
  }
  // Single-knob variables win over SANDBOX_BEHAVIOUR: they are the more specific setting.
  for (const [name, key, kind] of KNOB_VARS) {
    const raw = get(name);
    if (raw === undefined) continue;
    const parsed = parseBehaviour({ [key]: readKnob(raw, kind) });
    if (parsed.ok) knobs = { ...knobs, ...parsed.value };
    else problems.push(...parsed.errors.map((e) => `${name}: ${e}`));
  }

  let rules: BehaviourRules = {};
  const rulesRaw = get('SANDBOX_RULES');
  if (rulesRaw !== undefined) {
    const parsed = parseRules(parseJson('SANDBOX_RULES', rulesRaw, problems) ?? {});
    if (!parsed.ok) problems.push(...parsed.errors);
    else rules = Object.fromEntries(Object.entries(parsed.value).filter((e): e is [string, Partial<Behaviour>] => e[1] !== null));
  }

  const maxRaw = get('SANDBOX_MAX_RECORDS');
  const maxRecords = maxRaw === undefined ? undefined : Number(maxRaw);
  if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1)) {
    problems.push('SANDBOX_MAX_RECORDS must be a positive integer');
  }
  for (const name of ['SANDBOX_STATUS_URL', 'SANDBOX_REPLY_URL']) {
    const v = get(name);
    if (v !== undefined && !URL.canParse(v)) problems.push(`${name} must be a URL`);
  }
  if (problems.length > 0) throw new Error(`invalid sandbox configuration:\n- ${problems.join('\n- ')}`);

  const options: SandboxOptions = {
    ...knobs,
    port,
    host: get('SANDBOX_HOST') ?? '127.0.0.1',
    apiKey: get('SANDBOX_API_KEY'),
    statusUrl: get('SANDBOX_STATUS_URL'),
    replyUrl: get('SANDBOX_REPLY_URL'),
    maxRecords,
    rules,
  };
  return Object.freeze({ logLevel: get('LOG_LEVEL') ?? 'info', options: Object.freeze(options) });
}
