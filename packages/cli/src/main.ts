import { parseArgs } from 'node:util';
import { isSmsgwError } from '@smsgw/client';
import { type Command, clientFactory, GLOBAL_OPTIONS } from './command.js';
import { accountShow } from './commands/account.js';
import { batchesGet } from './commands/batches.js';
import { accountsCreate, accountsDisable, accountsEnable, accountsGet, accountsList } from './commands/accounts.js';
import { gatewaysAdd, gatewaysImportDjango, gatewaysList, gatewaysPresets, gatewaysTest } from './commands/gateways.js';
import { keysCreate, keysList, keysRevoke, keysRotate } from './commands/keys.js';
import { login } from './commands/login.js';
import { messagesGet, messagesList, messagesWatch } from './commands/messages.js';
import { repliesList, repliesTail } from './commands/replies.js';
import { send } from './commands/send.js';
import type { Env } from './config.js';
import { CliError, EXIT, exitCodeOf } from './exit.js';
import type { Io } from './output.js';

const COMMANDS: readonly Command[] = [
  login,
  accountShow,
  send,
  messagesList,
  messagesGet,
  messagesWatch,
  batchesGet,
  repliesList,
  repliesTail,
  gatewaysList,
  gatewaysAdd,
  gatewaysTest,
  gatewaysPresets,
  gatewaysImportDjango,
  keysCreate,
  keysList,
  keysRevoke,
  keysRotate,
  accountsCreate,
  accountsList,
  accountsGet,
  accountsDisable,
  accountsEnable,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: smsgw <command> [flags]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json (machine-readable stdout), --url and --key (else SMSGW_URL / SMSGW_KEY, else the',
    'config file written by `smsgw login`), and --help. Exit codes: 0 ok, 1 API error, 2 usage, 3 auth, 4 not found,',
    '5 some rows or gateways rejected, 6 network, 7 message undelivered, 8 timeout. See docs/cli.md.',
    '',
  ].join('\n');
}

/** `messages get x` → the `messages get` command and `['x']`; a lone group (`messages`) is not a command. */
function find(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const command = COMMANDS.find((c) => c.name === two) ?? COMMANDS.find((c) => c.name === argv[0]);
  if (!command) return undefined;
  return { command, rest: argv.slice(command.name.split(' ').length) };
}

/**
 * Runs one command and returns its exit code (it never calls process.exit: bin/smsgw.js sets
 * process.exitCode, so buffered output is flushed). Errors are printed on stderr, and as
 * `{"error":{…}}` on stdout with --json.
 */
export async function main(argv: readonly string[], env: Env = process.env, streams: Omit<Io, 'json'> = process): Promise<number> {
  const io: Io = { ...streams, json: argv.includes('--json') };
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout.write(help());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (argv[0] === '--version') {
    io.stdout.write('0.1.0\n');
    return EXIT.ok;
  }
  const found = find(argv);
  let client: ReturnType<typeof clientFactory> | undefined;
  try {
    if (!found) throw new CliError(`unknown command "${argv.slice(0, 2).join(' ')}": run \`smsgw --help\``);
    const { command, rest } = found;
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (err) {
      throw new CliError(`${(err as Error).message}\nusage: ${command.usage}`);
    }
    if (parsed.values['help']) {
      io.stdout.write(`usage: ${command.usage}\n\n${command.summary}\n`);
      return EXIT.ok;
    }
    client = clientFactory(parsed.values, env, io);
    return await command.run({ io, env, values: parsed.values, positionals: parsed.positionals, client: client.get });
  } catch (err) {
    const code = exitCodeOf(err);
    const shown = isSmsgwError(err)
      ? err.toJSON()
      : { code: err instanceof CliError ? 'usage' : 'error', message: err instanceof Error ? err.message : String(err) };
    if (io.json) io.stdout.write(`${JSON.stringify({ error: shown, exitCode: code })}\n`);
    io.stderr.write(`smsgw: ${isSmsgwError(err) && err.status > 0 ? `${err.status} ${err.code}: ` : ''}${shown.message}\n`);
    return code;
  } finally {
    await client?.close();
  }
}
