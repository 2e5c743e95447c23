import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envReader } from '../src/env.js';
import { loggerOptions, prettyTransportPath, readLogFormat, resolveLogFormat } from '../src/logging.js';

const fixture = fileURLToPath(new URL('./fixtures/log-line.ts', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The fixture's stdout, through a pipe (not a terminal). */
function piped(env: Record<string, string>): string {
  const { SMSGW_LOG_FORMAT: _, ...rest } = process.env;
  return execFileSync(process.execPath, ['--import', 'tsx', fixture], {
    cwd: root,
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

/** The fixture's output on a pseudo-terminal, as `script` gives it one. */
function onTerminal(env: Record<string, string>): string {
  const { SMSGW_LOG_FORMAT: _, ...rest } = process.env;
  const command = `'${process.execPath}' --import tsx '${fixture}'`;
  const run = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: root,
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe('log format', () => {
  it('auto: JSON through a pipe, pretty on a terminal; redaction holds in both', () => {
    const json = JSON.parse(piped({}).trim()) as Record<string, unknown>;
    expect(json).toMatchObject({ msg: 'message sent', gateway: 'sandbox', to: '[redacted]', level: 30 });

    const pretty = stripVTControlCharacters(onTerminal({}));
    expect(pretty).toMatch(/INFO.*message sent/);
    expect(pretty).toContain('gateway: "sandbox"');
    expect(pretty).not.toContain('+447400123456');
    expect(() => JSON.parse(pretty.trim())).toThrow();
  });

  it('SMSGW_LOG_FORMAT=pretty is pretty through a pipe too (json on a terminal: the table below)', () => {
    const pretty = stripVTControlCharacters(piped({ SMSGW_LOG_FORMAT: 'pretty' }));
    expect(pretty).toMatch(/INFO.*message sent/);
    expect(pretty).not.toContain('+447400123456');
  });

  it('without pino-pretty (a production install) it is JSON, and asking for pretty is a configuration problem', () => {
    expect(resolveLogFormat('auto', true, false)).toBe('json');
    expect(resolveLogFormat('pretty', false, false)).toBe('json');
    expect(resolveLogFormat('auto', true, true)).toBe('pretty');
    expect(resolveLogFormat('auto', false, true)).toBe('json');
    expect(resolveLogFormat('json', true, true)).toBe('json');

    const r = envReader({ SMSGW_LOG_FORMAT: 'pretty' });
    readLogFormat(r, () => false);
    expect(() => r.done()).toThrowError(/SMSGW_LOG_FORMAT=pretty needs pino-pretty/);
    const bad = envReader({ SMSGW_LOG_FORMAT: 'colour' });
    readLogFormat(bad);
    expect(() => bad.done()).toThrowError(/SMSGW_LOG_FORMAT must be one of auto, json, pretty/);
  });

  it('loads pino-pretty only for pretty output', () => {
    const stdErr = (e: Error) => e;
    expect(loggerOptions('info', stdErr)).not.toHaveProperty('transport');
    expect(loggerOptions('info', stdErr, { format: 'json', isTTY: true })).not.toHaveProperty('transport');
    expect(loggerOptions('info', stdErr, { format: 'auto', isTTY: false })).not.toHaveProperty('transport');
    expect(loggerOptions('info', stdErr, { format: 'auto', isTTY: true })).toMatchObject({ transport: { target: prettyTransportPath() } });
  });
});
