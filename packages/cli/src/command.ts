import type { ParseArgsConfig } from 'node:util';
import { readFile } from 'node:fs/promises';
import { SmsgwClient } from '@smsgw/client';
import { type Env, resolveTarget } from './config.js';
import { CliError } from './exit.js';
import type { Io } from './output.js';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command gets: its parsed flags and arguments, where to write, and the API client. */
export interface Context {
  io: Io;
  env: Env;
  values: Values;
  positionals: string[];
  /** The client for the logged-in (or flagged / environment) URL and key; made on first use. */
  client(): Promise<SmsgwClient>;
}

export interface Command {
  /** e.g. `messages get` */
  name: string;
  usage: string;
  summary: string;
  options: Options;
  run(ctx: Context): Promise<number>;
}

/** The flags every command takes. */
export const GLOBAL_OPTIONS: Options = {
  json: { type: 'boolean' },
  url: { type: 'string' },
  key: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function required(values: Values, name: string): string {
  const v = str(values, name);
  if (v === undefined || v === '') throw new CliError(`--${name} is required`);
  return v;
}

export function list(values: Values, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

export function int(values: Values, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const v = str(values, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** `--set a=1 --set b=x` → `{a: '1', b: 'x'}`. */
export function pairs(values: Values, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list(values, name)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CliError(`--${name} takes NAME=VALUE (got "${item}")`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export function positional(ctx: Context, index: number, what: string): string {
  const v = ctx.positionals[index];
  if (v === undefined || v === '') throw new CliError(`missing ${what}`);
  return v;
}

/** The context's client: flags, then SMSGW_URL / SMSGW_KEY, then the config file; closed by `close()` if made. */
export function clientFactory(values: Values, env: Env, io: Io): { get: () => Promise<SmsgwClient>; close: () => Promise<void> } {
  let made: SmsgwClient | undefined;
  const get = async () => {
    if (made) return made;
    const target = await resolveTarget({ url: str(values, 'url'), key: str(values, 'key') }, env);
    made = new SmsgwClient({
      baseUrl: target.url,
      apiKey: target.key,
      userAgent: 'smsgw-cli/0.1.0',
      onRetry: (r) => {
        if (!io.json) io.stderr.write(`retrying in ${r.delayMs} ms (${r.reason})\n`);
      },
    });
    return made;
  };
  return { get, close: async () => made?.close() };
}

/** A file named on the command line, as text; a CliError saying why when it cannot be read. */
export async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
  }
}
