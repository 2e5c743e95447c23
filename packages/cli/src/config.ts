import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from './exit.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface StoredConfig {
  url?: string;
  key?: string;
}

/** `$SMSGW_CONFIG`, else `$XDG_CONFIG_HOME/smsgw/config.json`, else `~/.config/smsgw/config.json`. */
export function configPath(env: Env): string {
  if (env['SMSGW_CONFIG']) return env['SMSGW_CONFIG'];
  const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return join(base, 'smsgw', 'config.json');
}

export async function readConfig(path: string): Promise<StoredConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return {};
    throw new CliError(`Cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    const { url, key } = parsed as Record<string, unknown>;
    return { ...(typeof url === 'string' ? { url } : {}), ...(typeof key === 'string' ? { key } : {}) };
  } catch (err) {
    throw new CliError(`${path} is not a smsgw config file (${(err as Error).message})`);
  }
}

/** Writes the file readable by its owner only (0600; its directory 0700): it holds an API key. */
export async function writeConfig(path: string, config: StoredConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // An existing file keeps its mode on write: set it.
  await chmod(path, 0o600);
}

/** URL and key to use: flags first, then SMSGW_URL / SMSGW_KEY, then the config file. */
export async function resolveTarget(
  flags: { url?: string | undefined; key?: string | undefined },
  env: Env,
): Promise<{ url: string; key: string }> {
  const stored = await readConfig(configPath(env));
  const url = flags.url ?? env['SMSGW_URL'] ?? stored.url;
  const key = flags.key ?? env['SMSGW_KEY'] ?? stored.key;
  if (!url || !key) throw new CliError('Not logged in: run `smsgw login --url URL --key KEY`, or set SMSGW_URL and SMSGW_KEY');
  return { url, key };
}
