import type { Gateway, paths } from '@smsgw/client';
import { type Command, type Context, int, pairs, positional, readInputFile, required, str } from '../command.js';
import { CliError, EXIT } from '../exit.js';
import { details, line, printJson, table } from '../output.js';
import { watchMessage } from './messages.js';

function summary(g: Gateway): Record<string, unknown> {
  return {
    name: g.name,
    preset: g.preset,
    enabled: g.enabled,
    default: g.isDefault,
    priority: g.priority,
    balance: g.balance ? `${g.balance.amount} ${g.balance.currency ?? ''}`.trim() : null,
    updatedAt: g.updatedAt,
  };
}

/** `--set port=2775` is a number, `--set tls=true` a boolean: what preset settings hold. */
function settingValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text) && text.length < 16) return Number(text);
  return text;
}

export const gatewaysList: Command = {
  name: 'gateways list',
  usage: 'smsgw gateways list',
  summary: 'list gateways',
  options: {},
  async run(ctx) {
    const gateways = await (await ctx.client()).gateways.list();
    if (ctx.io.json) printJson(ctx.io, gateways);
    else table(ctx.io, ['name', 'preset', 'enabled', 'default', 'priority', 'balance', 'updatedAt'], gateways.map(summary));
    return EXIT.ok;
  },
};

export const gatewaysAdd: Command = {
  name: 'gateways add',
  usage: 'smsgw gateways add NAME --preset PRESET [--set NAME=VALUE…] [--credential NAME=VALUE…] [--default] [--priority N] [--disabled]',
  summary: 'add a gateway from a preset (see `smsgw gateways presets`)',
  options: {
    preset: { type: 'string' },
    set: { type: 'string', multiple: true },
    credential: { type: 'string', multiple: true },
    default: { type: 'boolean' },
    priority: { type: 'string' },
    disabled: { type: 'boolean' },
  },
  async run(ctx) {
    const name = positional(ctx, 0, 'gateway name');
    const settings = Object.fromEntries(Object.entries(pairs(ctx.values, 'set')).map(([k, v]) => [k, settingValue(v)]));
    const credentials = pairs(ctx.values, 'credential');
    const priority = str(ctx.values, 'priority');
    const gateway = await (await ctx.client()).gateways.add({
      name,
      preset: required(ctx.values, 'preset'),
      settings,
      ...(Object.keys(credentials).length > 0 ? { credentials } : {}),
      ...(ctx.values['default'] ? { isDefault: true } : {}),
      ...(ctx.values['disabled'] ? { enabled: false } : {}),
      ...(priority !== undefined ? { priority: int(ctx.values, 'priority', 0, -1_000_000, 1_000_000) } : {}),
    });
    if (ctx.io.json) printJson(ctx.io, gateway);
    else
      details(ctx.io, [
        ...Object.entries(summary(gateway)),
        ['status callback', gateway.callbackUrls.status],
        ['reply callback', gateway.callbackUrls.reply],
      ]);
    return EXIT.ok;
  },
};

export const gatewaysPresets: Command = {
  name: 'gateways presets',
  usage: 'smsgw gateways presets',
  summary: 'list the gateway presets',
  options: {},
  async run(ctx) {
    const presets = await (await ctx.client()).gateways.presets();
    if (ctx.io.json) printJson(ctx.io, presets);
    else
      table(
        ctx.io,
        ['name', 'title', 'credentials', 'settings'],
        presets.data.map((p) => ({
          name: p.name,
          title: p.title,
          credentials: p.credentials.map((c) => (c.required ? c.name : `[${c.name}]`)),
          settings: Object.keys(p.settings),
        })),
        60,
      );
    return EXIT.ok;
  },
};

/**
 * Sends one message through the named gateway and follows it to its delivery report: exit 0
 * when delivered, 7 when it failed (the gateway's answer in the status message), 8 on timeout.
 */
export const gatewaysTest: Command = {
  name: 'gateways test',
  usage: 'smsgw gateways test NAME --to NUMBER [--content TEXT] [--timeout SECONDS]',
  summary: 'send one message through a gateway and wait for its delivery report',
  options: { to: { type: 'string' }, content: { type: 'string' }, timeout: { type: 'string' }, interval: { type: 'string' } },
  async run(ctx) {
    const gateway = positional(ctx, 0, 'gateway name');
    const client = await ctx.client();
    const message = await client.messages.send({
      to: required(ctx.values, 'to'),
      content: str(ctx.values, 'content') ?? `smsgw gateway test (${gateway})`,
      gateway,
    });
    return watchMessage(ctx, message.id, int(ctx.values, 'timeout', 60, 1), int(ctx.values, 'interval', 500, 50, 60_000));
  },
};

type DjangoImportRoute = paths['/v1/gateways/import/django']['post'];
type DjangoImportBody = DjangoImportRoute['requestBody']['content']['application/json'];
type DjangoImportResult = DjangoImportRoute['responses'][200]['content']['application/json'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The file as the route's body: the list `manage.py dumpdata sms.gateway` writes, or the route's
 * own body (`{"rows": [...], "overrides": {...}, "timezone": ...}`). Checked only as far as telling
 * a dump from something else; the API checks the rest.
 */
async function loadDjangoDump(file: string): Promise<DjangoImportBody> {
  const text = await readInputFile(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not JSON (${(err as Error).message}): give the file \`manage.py dumpdata sms.gateway\` wrote`);
  }
  const body = Array.isArray(parsed) ? { rows: parsed } : isObject(parsed) && Array.isArray(parsed['rows']) ? parsed : undefined;
  const rows = (body?.['rows'] ?? []) as unknown[];
  const models = rows.map((row) => (isObject(row) && typeof row['model'] === 'string' ? row['model'].toLowerCase() : undefined));
  if (!body || !models.includes('sms.gateway'))
    throw new CliError(
      `${file} is not a dump of django-sms-gateway's gateways` +
        (body && rows.length > 0 ? ` (no "sms.gateway" entry; models: ${[...new Set(models.map((m) => m ?? 'none'))].join(', ')})` : '') +
        ': expected the list `manage.py dumpdata sms.gateway` writes, [{"model": "sms.gateway", "pk": 1, "fields": {…}}, …], ' +
        'or {"rows": [that list], "overrides": {…}, "timezone": …}',
    );
  return body as DjangoImportBody;
}

/** Per entry: what it became and what happened, then the fields not carried as they were. */
function printImport(ctx: Context, result: DjangoImportResult): void {
  for (const item of result.data) {
    const source = `${item.source.name ?? '(no name)'} (pk ${item.source.pk ?? '-'})`;
    const outcome = item.error
      ? `FAILED ${item.error.code}: ${item.error.message}`
      : item.created
        ? 'created'
        : result.dryRun
          ? 'ok, would be created'
          : 'not created';
    line(ctx.io, `${source} → ${item.name ?? '-'}: ${outcome}`);
    if (item.credentials.length > 0) line(ctx.io, `  credentials: ${item.credentials.join(', ')}`);
    if (item.suggestedPreset) line(ctx.io, `  suggested preset: ${item.suggestedPreset} (knows every status code and Unicode)`);
    const warnings = item.report.filter((r) => r.outcome !== 'carried');
    for (const r of warnings)
      line(ctx.io, `  ${(r.outcome === 'not_carried' ? 'not carried' : r.outcome).padEnd(11)}  ${r.field}: ${r.note}`);
    const carried = item.report.length - warnings.length;
    if (carried > 0) line(ctx.io, `  ${carried} more field${carried === 1 ? '' : 's'} carried as they were`);
  }
  for (const s of result.skipped) line(ctx.io, `entry ${s.index} (${s.model ?? 'no model'}): skipped, not sms.gateway`);
  const failed = result.data.filter((i) => i.error).length;
  const total = result.data.length;
  const parts = [
    result.dryRun
      ? `dry run, nothing created: ${total - failed} of ${total} gateways can be imported`
      : `${result.created} of ${total} gateways created`,
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(result.skipped.length > 0 ? [`${result.skipped.length} entries of other models skipped`] : []),
  ];
  line(ctx.io, parts.join(', '));
}

/**
 * Imports a django-sms-gateway `dumpdata` through `POST /v1/gateways/import/django` (admin): exit 0
 * when every gateway entry was imported (or, with --dry-run, can be), 5 when some could not be.
 */
export const gatewaysImportDjango: Command = {
  name: 'gateways import-django',
  usage: 'smsgw gateways import-django FILE [--dry-run] [--timezone ZONE]',
  summary: 'import the gateways of a django-sms-gateway `dumpdata` (admin), with a per-field report',
  options: { 'dry-run': { type: 'boolean' }, timezone: { type: 'string' } },
  async run(ctx) {
    const body = await loadDjangoDump(positional(ctx, 0, 'dump file (manage.py dumpdata sms.gateway > FILE)'));
    const timezone = str(ctx.values, 'timezone');
    const result = await (await ctx.client()).request('post', '/v1/gateways/import/django', {
      body: { ...body, ...(ctx.values['dry-run'] ? { dryRun: true } : {}), ...(timezone !== undefined ? { timezone } : {}) },
    });
    if (ctx.io.json) printJson(ctx.io, result);
    else printImport(ctx, result);
    return result.data.some((i) => i.error) ? EXIT.partial : EXIT.ok;
  },
};
