import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueNumber } from '../../../test/support/fixtures.js';
import { parseCsv } from '../src/csv.js';
import { lastJson, type Stack, startStack, UNDELIVERABLE } from './harness.js';

interface Summary {
  rows: number;
  accepted: number;
  rejected: number;
  batches: string[];
  rejectsFile: string | null;
  idempotencyKey: string;
}

/**
 * The real binary (node packages/cli/bin/smsgw.js, as `npx smsgw` runs it) against a real API,
 * workers and the sandbox provider on loopback.
 */
// Each run of the binary is a Node start with tsx: seconds on a busy two-core machine.
describe('smsgw CLI', { timeout: 240_000 }, () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack('cli');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('login stores URL and key in a 0600 file that later commands use; a wrong key is refused with exit 3', async () => {
    const bad = await s.cli(['login', '--url', s.url, '--key', 'sk_not_a_key_not_a_key', '--json']);
    expect(bad.code).toBe(3);
    expect(lastJson(bad)).toMatchObject({ error: { status: 401, code: 'unauthorized' }, exitCode: 3 });

    const ok = await s.cli(['login', '--url', s.url, '--key', s.adminKey, '--json']);
    expect(ok.code).toBe(0);
    const file = join(s.dir, 'config.json');
    expect(lastJson(ok)).toMatchObject({ url: s.url, configFile: file });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ url: s.url, key: s.adminKey });

    const account = await s.cli(['account', '--json']);
    expect(account.code).toBe(0);
    expect(lastJson(account)).toHaveProperty('webhookSecret');
  });

  it('sends one message, gets it, and watches it to delivered (--json parses at every step)', async () => {
    const to = uniqueNumber();
    const sent = await s.cli(['send', '--to', to, '--content', 'hello from the CLI', '--gateway', s.gateway, '--json']);
    expect(sent.code).toBe(0);
    const message = lastJson<{ id: string; status: string; to: string }>(sent);
    expect(message).toMatchObject({ to, status: 'queued' });

    const watched = await s.cli(['messages', 'watch', message.id, '--interval', '100', '--timeout', '20', '--json']);
    expect(watched.code).toBe(0);
    const statuses = watched.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { status: string }).status);
    expect(statuses.at(-1)).toBe('delivered');

    const got = await s.cli(['messages', 'get', message.id, '--json']);
    expect(got.code).toBe(0);
    expect(lastJson<{ status: string; events: unknown[] }>(got).events.length).toBeGreaterThan(1);
    const human = await s.cli(['messages', 'get', message.id]);
    expect(human.stdout).toMatch(/status:\s+delivered/);

    const listed = await s.cli(['messages', 'list', '--to', to, '--json']);
    expect(lastJson<{ data: { id: string }[] }>(listed).data.map((m) => m.id)).toEqual([message.id]);
  });

  it('sends a CSV of 200 rows in chunks with a progress bar; invalid rows go to the rejects CSV with the reason (exit 5)', async () => {
    const csv = join(s.dir, 'contacts.csv');
    const lines = ['to,content'];
    for (let i = 0; i < 200; i++) {
      if (i === 10) lines.push('not-a-number,bad recipient');
      else if (i === 50) lines.push(`${uniqueNumber()},`);
      else if (i === 120) lines.push(`${uniqueNumber()},"too, many",fields`);
      else lines.push(`${uniqueNumber()},"Hello ${i}, from the ""CLI"""`);
    }
    await writeFile(csv, `${lines.join('\n')}\n`);
    const run = await s.cli(['send', '--csv', csv, '--gateway', s.gateway, '--chunk-size', '64', '--progress']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('200/200 100%');
    expect(run.stdout).toMatch(/accepted:\s+197/);
    expect(run.stdout).toMatch(/rejected:\s+3/);
    const rejectsFile = join(s.dir, 'contacts.rejected.csv');
    expect(run.stdout).toContain(rejectsFile);
    const rejects = parseCsv(await readFile(rejectsFile, 'utf8'));
    expect(rejects[0]?.fields).toEqual(['to', 'content', 'line', 'error', 'reason']);
    const byLine = new Map(rejects.slice(1).map((r) => [r.fields.at(-3), r.fields]));
    expect([...byLine.keys()]).toEqual(['12', '52', '122']);
    expect(byLine.get('12')?.slice(0, 2)).toEqual(['not-a-number', 'bad recipient']);
    expect(byLine.get('12')?.at(-2)).toBe('invalid_recipient');
    expect(byLine.get('52')?.at(-2)).toMatch(/content/);
    expect(byLine.get('122')?.at(-2)).toBe('invalid_row');
    // Four chunks of at most 64 rows, each its own batch.
    const stored = await fetch(`${s.url}/v1/batches?limit=10`, { headers: { authorization: `Bearer ${s.adminKey}` } });
    expect(((await stored.json()) as { data: unknown[] }).data.length).toBeGreaterThanOrEqual(4);
  });

  it('sends a CSV through a template with --json --wait (to every message final), and resending it with the same --idempotency-key stores nothing new', async () => {
    const csv = join(s.dir, 'names.csv');
    await writeFile(csv, `to,name\n${uniqueNumber()},Ada\n${uniqueNumber()},Grace\n`);
    const args = ['send', '--csv', csv, '--template', 'Hi {{ name }}', '--gateway', s.gateway, '--json'];
    const first = await s.cli([...args, '--wait']);
    expect(first.code).toBe(0);
    const summary = lastJson<Summary & { statuses: Record<string, number> }>(first);
    expect(summary).toMatchObject({ rows: 2, accepted: 2, rejected: 0, rejectsFile: null });
    // --wait followed the batch until every message was final.
    expect(summary.statuses['delivered']).toBe(2);
    const batch = await s.cli(['batches', 'get', String(summary.batches[0]), '--json']);
    expect(lastJson(batch)).toMatchObject({ total: 2, done: 2, completed: true });
    const again = await s.cli([...args, '--idempotency-key', summary.idempotencyKey]);
    expect(lastJson<Summary>(again).batches).toEqual(summary.batches);
    const stored = await fetch(`${s.url}/v1/batches/${summary.batches[0]}/messages`, {
      headers: { authorization: `Bearer ${s.adminKey}` },
    });
    const messages = ((await stored.json()) as { data: { content: string }[] }).data;
    expect(messages.map((m) => m.content).sort()).toEqual(['Hi Ada', 'Hi Grace']);
  });

  it('adds and lists gateways, and tests one: a message through it reaches its delivery report', async () => {
    const name = `${s.gateway}-cli`;
    const added = await s.cli([
      'gateways',
      'add',
      name,
      '--preset',
      'sandbox',
      '--set',
      `baseUrl=${s.sandbox.url}`,
      '--disabled',
      '--json',
    ]);
    expect(added.code).toBe(0);
    expect(lastJson(added)).toMatchObject({ name, preset: 'sandbox', enabled: false, settings: { baseUrl: s.sandbox.url } });
    const listed = await s.cli(['gateways', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(lastJson<{ name: string }[]>(listed).map((g) => g.name)).toEqual(expect.arrayContaining([s.gateway, name]));
    const human = await s.cli(['gateways', 'list']);
    expect(human.stdout).toMatch(new RegExp(`^${s.gateway}\\s+sandbox`, 'm'));

    const tested = await s.cli(['gateways', 'test', s.gateway, '--to', uniqueNumber(), '--interval', '100']);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/delivered/);
    // A report that says failed: exit 7.
    const failed = await s.cli(['gateways', 'test', s.gateway, '--to', UNDELIVERABLE, '--interval', '100', '--json']);
    expect(failed.code).toBe(7);
    expect(lastJson(failed)).toMatchObject({ status: 'failed', to: UNDELIVERABLE });
  });

  it('follows replies with replies tail', async () => {
    const to = uniqueNumber();
    const since = new Date().toISOString();
    const sent = lastJson<{ id: string }>(
      await s.cli(['send', '--to', to, '--content', 'Reply YES', '--gateway', s.gateway, '--wait', '--json']),
    );
    const tail = s.spawnCli(['replies', 'tail', '--since', since, '--interval', '100', '--count', '1', '--json']);
    expect((await s.sandbox.inbound({ from: to, to: 'SMSGW', text: 'YES' })).status).toBe(200);
    const run = await tail.done;
    expect(run.code).toBe(0);
    expect(lastJson(run)).toMatchObject({ content: 'YES', from: to, messageId: sent.id });
  });

  it('exit codes: 2 usage, 4 not found, 6 network (7 undelivered is above); errors as JSON on stdout with --json', async () => {
    const usage = await s.cli(['send', '--to', uniqueNumber(), '--json']);
    expect(usage.code).toBe(2);
    expect(lastJson(usage)).toMatchObject({ error: { code: 'usage' }, exitCode: 2 });
    expect((await s.cli(['send', '--bogus-flag'])).code).toBe(2);

    const missing = await s.cli(['messages', 'get', 'msg_00000000000000000000000000', '--json']);
    expect(missing.code).toBe(4);
    expect(lastJson(missing)).toMatchObject({ error: { status: 404, code: 'not_found' } });

    // SMSGW_URL overrides the config file.
    const down = await s.cli(['messages', 'list', '--json'], { SMSGW_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(6);
    expect(lastJson(down)).toMatchObject({ error: { code: 'network_error' } });
  });
});
