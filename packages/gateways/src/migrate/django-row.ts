/**
 * Reading one django-sms-gateway `sms.gateway` row (a `dumpdata` entry) field by field, and the
 * report that says, per field, what became of it.
 */

/** What became of a field: carried as it was, carried with a difference (said in the note), or not carried. */
export type FieldOutcome = 'carried' | 'changed' | 'not_carried';

export interface FieldReport {
  /** The original's field (`success_format`), or `settings.<key>`. */
  field: string;
  outcome: FieldOutcome;
  /** Where it went in the smsgw gateway (`config.response.messageId`, `credentials.password`…). */
  to: string[];
  note: string;
}

/** Every field of the original's Gateway model (1.2.1; the July 2012 version had fewer). */
export const DJANGO_GATEWAY_FIELDS = [
  'name',
  'base_url',
  'settings',
  'recipient_keyword',
  'content_keyword',
  'uuid_keyword',
  'charge_keyword',
  'success_format',
  'error_format',
  'status_mapping',
  'status_msg_id',
  'status_status',
  'status_error_code',
  'status_date',
  'status_date_format',
  'reply_content',
  'reply_sender',
  'reply_date',
  'reply_date_format',
  'check_number_url',
  'check_number_field',
  'check_number_response_format',
  'check_number_status_mapping',
  'query_balance_url',
  'query_balance_params',
  'query_balance_response_format',
] as const;

export type DjangoField = (typeof DJANGO_GATEWAY_FIELDS)[number];

/** A row's fields with the report being written about them. */
export interface RowReader {
  /** A text field; '' and null read as absent. A value of another type is reported and read as absent. */
  text(field: DjangoField): string | undefined;
  /** A JSON field: an object or list as dumped, or a string holding JSON (older jsonfield dumps). */
  json(field: DjangoField): unknown;
  report(field: string, outcome: FieldOutcome, to: string[], note: string): void;
  readonly reports: FieldReport[];
}

export function rowReader(fields: Readonly<Record<string, unknown>>): RowReader {
  const reports: FieldReport[] = [];
  const report: RowReader['report'] = (field, outcome, to, note) => void reports.push({ field, outcome, to, note });
  const own = (field: string): unknown => (Object.hasOwn(fields, field) ? fields[field] : undefined);
  for (const key of Object.keys(fields)) {
    if (!(DJANGO_GATEWAY_FIELDS as readonly string[]).includes(key))
      report(key, 'not_carried', [], 'not a field of the original Gateway model');
  }
  return {
    reports,
    report,
    text(field) {
      const v = own(field);
      if (v === null || v === undefined || v === '') return undefined;
      if (typeof v === 'string') return v;
      report(field, 'not_carried', [], `expected text, found ${JSON.stringify(v)}`);
      return undefined;
    },
    json(field) {
      const v = own(field);
      if (typeof v !== 'string') return v ?? undefined;
      if (v.trim() === '') return undefined;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        report(field, 'not_carried', [], 'a string that is not JSON');
        return undefined;
      }
    },
  };
}

/** A gateway name smsgw accepts (`GATEWAY_NAME_RE`), from the original's free-text name. */
export function gatewayNameOf(name: string, pk: string | number | null, used: Set<string>): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 50);
  let candidate = slug === '' ? `django-${pk ?? 'gateway'}` : slug;
  for (let n = 2; used.has(candidate); n++) candidate = `${slug || 'django'}-${n}`;
  used.add(candidate);
  return candidate;
}

/** A template variable name for a settings key (`api-id` → `api_id`), unique among `taken`. */
export function variableName(key: string, taken: Set<string>, pattern: RegExp, prefix: string): string {
  let base = key.replace(/[^A-Za-z0-9_]/g, '_');
  if (!pattern.test(base)) base = `${prefix}${base}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** Values the original's example data used for "fill this in". */
export const PLACEHOLDER = /^(?:your[_ -]|change[_ -]?me|xxx|<[^>]*>$)/i;

/** A settings value as Python 2's urlencode wrote it: str() of the value (True, 3, 1.5). */
export function pythonStr(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
