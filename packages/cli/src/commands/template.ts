import type { SendMessage } from '@smsgw/client';
import { type Context, str } from '../command.js';
import { CliError } from '../exit.js';

/** `--template TEXT` or `--template-name NAME`, with variables. */
export function templateOf(ctx: Context, vars: Record<string, unknown>): SendMessage['template'] | undefined {
  const body = str(ctx.values, 'template');
  const name = str(ctx.values, 'template-name');
  if (body !== undefined && name !== undefined) throw new CliError('give --template or --template-name, not both');
  if (body !== undefined) return { body, vars };
  if (name !== undefined) return { name, vars };
  return undefined;
}
