/**
 * `npx tsx packages/gateways/src/migrate/cli.ts dump.json [--timezone Australia/Adelaide]`:
 * converts a `manage.py dumpdata sms.gateway` file and prints the result as JSON — the gateway
 * bodies for `POST /v1/gateways` (credentials included: keep the output private) and the report.
 * `POST /v1/gateways/import/django` does the same and creates them.
 */
import { readFileSync } from 'node:fs';
import { convertDjangoGateways } from './django.js';

function main(argv: readonly string[]): number {
  const [file, flag, zone] = argv;
  if (file === undefined || (flag !== undefined && (flag !== '--timezone' || zone === undefined))) {
    process.stderr.write('usage: cli.ts <dumpdata.json> [--timezone <offset or IANA zone>]\n');
    return 2;
  }
  const result = convertDjangoGateways(JSON.parse(readFileSync(file, 'utf8')) as unknown, zone === undefined ? {} : { timezone: zone });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result.rejected.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
