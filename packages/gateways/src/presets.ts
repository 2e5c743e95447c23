import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gatewayConfigSchema, type GatewayConfig } from './config/schema.js';

/** What `GET /v1/presets` shows about a preset: enough to fill in a gateway, nothing to send with. */
export interface PresetInfo {
  name: string;
  title: string;
  docs: string | undefined;
  credentials: { name: string; description: string; required: boolean }[];
  settings: Record<string, string | number | boolean>;
  capabilities: { statusCallback: boolean; replyCallback: boolean; balance: boolean; numberCheck: boolean; unicode: boolean };
}

/** The folder that holds `<name>.json` presets (fixtures live in its `fixtures/` subfolder). */
export function presetsDir(): string {
  return fileURLToPath(new URL('../presets/', import.meta.url));
}

/**
 * Reads and validates every preset in `dir`. A broken preset throws naming its file, because a
 * preset ships with the code: failing at load is a bug to fix, not a request to answer with 422.
 */
export function loadPresetsFrom(dir: string): ReadonlyMap<string, GatewayConfig> {
  const presets = new Map<string, GatewayConfig>();
  // Sorted by name, not file name: "clickatell-platform.json" sorts before "clickatell.json".
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => e.name.slice(0, -'.json'.length))
    .sort();
  for (const name of names) {
    const file = `${name}.json`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as unknown;
    } catch (err) {
      throw new Error(`Preset "${name}" is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = gatewayConfigSchema.safeParse(raw);
    if (!parsed.success) {
      const summary = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new Error(`Preset "${name}" is not a valid gateway config: ${summary}`);
    }
    presets.set(name, Object.freeze(parsed.data));
  }
  return presets;
}

/** Runs `fn` once, on first call, and returns its value ever after. */
function once<T>(fn: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => {
    cached ??= { value: fn() };
    return cached.value;
  };
}

// Lazy so importing the package never touches the disk; the files cannot change while we run.
const shippedPresets = once(() => loadPresetsFrom(presetsDir()));

function describe(name: string, config: GatewayConfig): PresetInfo {
  return {
    name,
    title: config.title || name,
    docs: config.docs,
    credentials: config.credentials.map((c) => ({ name: c.name, description: c.description, required: c.required })),
    settings: { ...config.settings },
    capabilities: {
      statusCallback: config.statusCallback !== undefined,
      replyCallback: config.replyCallback !== undefined,
      balance: config.balance !== undefined,
      numberCheck: config.numberCheck !== undefined,
      unicode: config.send.unicode.supported,
    },
  };
}

/** Every shipped preset, sorted by name. */
export function listPresets(): PresetInfo[] {
  return [...shippedPresets()].map(([name, config]) => describe(name, config));
}

/** A shipped preset's config (a copy the caller may change), or undefined for an unknown name. */
export function getPreset(name: string): GatewayConfig | undefined {
  const config = shippedPresets().get(name);
  return config === undefined ? undefined : structuredClone(config);
}

/** The names of every shipped preset. */
export function presetNames(): string[] {
  return [...shippedPresets().keys()];
}
