import type { ResponseRule } from '../config/schema.js';
import { PLACEHOLDER, pythonStr, variableName, type RowReader } from './django-row.js';
import { START, convertPythonRegex } from './python-regex.js';

/**
 * The send side of an original gateway: its settings (the fixed parameters of every request),
 * the keyword fields that name the message's parameters, and the response formats.
 */

/** A settings key's secrets go to encrypted credentials; the rest to settings. */
const SECRET_KEY = /pass|pwd|secret|token|key|api_?id|auth|sid|user|login|account/i;
const CREDENTIAL_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SETTING_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

export interface FixedParams {
  /** Each original settings key → the template that sends its value (`{{credentials.password}}`). */
  params: Record<string, string>;
  credentials: Record<string, string>;
  settings: Record<string, string>;
  /** The credentials the config declares (each required). */
  credentialSpecs: { name: string; description: string; required: boolean }[];
}

/**
 * The original sent a copy of `settings` with every request (credentials among them). Each key
 * stays a parameter of that name; its value moves to an encrypted credential when the key
 * looks secret, to a setting otherwise, so it can be changed later without touching the config.
 */
export function fixedParams(r: RowReader): FixedParams {
  const out: FixedParams = { params: {}, credentials: {}, settings: {}, credentialSpecs: [] };
  const raw = r.json('settings');
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    r.report('settings', 'not_carried', [], 'not a JSON object');
    return out;
  }
  const credentialNames = new Set<string>();
  const settingNames = new Set<string>(['baseUrl']);
  for (const [key, value] of Object.entries(raw)) {
    const field = `settings.${key}`;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      r.report(field, 'not_carried', [], `${JSON.stringify(value)} is not a text, number or boolean (Python would have sent its repr)`);
      continue;
    }
    const text = pythonStr(value);
    const placeholder = PLACEHOLDER.test(text) ? ' It looks like a placeholder: set the real value (PATCH the gateway).' : '';
    if (SECRET_KEY.test(key)) {
      const name = variableName(key, credentialNames, CREDENTIAL_NAME, 'c_');
      out.credentials[name] = text;
      out.params[key] = `{{credentials.${name}}}`;
      out.credentialSpecs.push({ name, description: `"${key}" of the original's settings`, required: true });
      r.report(
        field,
        'carried',
        [`credentials.${name}`, `config.send.params.${key}`],
        `a credential now, stored encrypted and never shown again.${placeholder}`,
      );
    } else {
      const name = variableName(key, settingNames, SETTING_NAME, 's_');
      out.settings[name] = text;
      out.params[key] = `{{settings.${name}}}`;
      const sender = /^(from|sender|originator|source)$/i.test(key)
        ? " Sent with every message as before: a message's own `from` is not used (change the parameter to {{from}} for that)."
        : '';
      r.report(field, 'carried', [`settings.${name}`, `config.send.params.${key}`], `a setting.${sender}${placeholder}`);
    }
  }
  return out;
}

/** The message's own parameters, over the fixed ones (the original set them after copying settings). */
export function messageParams(r: RowReader, recipient: string, content: string, fixed: FixedParams): Record<string, string> {
  const params: Record<string, string> = { ...fixed.params };
  const put = (field: 'recipient_keyword' | 'content_keyword' | 'uuid_keyword', key: string, template: string, note: string) => {
    if (Object.hasOwn(params, key)) r.report(`settings.${key}`, 'changed', [], `replaced by ${field}, as the original replaced it`);
    params[key] = template;
    r.report(field, 'carried', [`config.send.params.${key}`], note);
  };
  put('recipient_keyword', recipient, '{{to | noplus}}', 'the recipient in international format without "+", as the original sent it');
  put(
    'content_keyword',
    content,
    '{{content}}',
    'the text as written: the original stripped it to ASCII. This gateway is GSM-7 only (config.send.unicode.supported false) ' +
      "until you say how the provider flags UCS-2 (config.send.unicode.params), or use the provider's preset",
  );
  const uuid = r.text('uuid_keyword');
  if (uuid !== undefined)
    put('uuid_keyword', uuid, '{{messageId}}', 'our message id (msg_…, 30 characters) where the original sent its UUID');
  return params;
}

export interface ResponseConfig {
  messageId?: { regex: string };
  rules: ResponseRule[];
}

/** What the original did with a send answer, as rules. Answers other than 2xx keep smsgw's defaults (the original raised on them). */
export function responseConfig(r: RowReader): ResponseConfig {
  const rules: ResponseRule[] = [];
  const out: ResponseConfig = { rules };
  const errorFormat = r.text('error_format');
  if (errorFormat !== undefined) {
    const c = convertPythonRegex(errorFormat, { valueGroup: 'status_message' });
    if (!c.ok) r.report('error_format', 'not_carried', [], c.error);
    else {
      rules.push({
        status: '2xx',
        bodyMatches: c.regex,
        outcome: 'permanent',
        ...(c.groups.includes('status_message') ? { error: { regex: c.regex } } : {}),
      });
      r.report(
        'error_format',
        'carried',
        ['config.response.rules[0]'],
        'a matching answer fails the message; its status_message group is the error text',
      );
    }
  }
  rules.push({
    status: '2xx',
    bodyMatches: `${START}(?:ERR|WARN)`,
    outcome: 'permanent',
    error: { regex: `${START}(?:ERR|WARN)[\\s\\S]*?: (?<value>[\\s\\S]*)` },
  });
  r.report(
    '(built-in) ERR/WARN',
    'carried',
    [`config.response.rules[${rules.length - 1}]`],
    'an answer starting ERR or WARN fails the message; the text after the first ": " is the error',
  );

  const success = r.text('success_format');
  if (success === undefined) {
    r.report(
      'success_format',
      'changed',
      [],
      "none: any other 2xx answer is accepted without the gateway's id, so its status reports cannot be matched",
    );
    return out;
  }
  const c = convertPythonRegex(success, { valueGroup: 'gateway_message_id' });
  if (!c.ok) {
    r.report('success_format', 'not_carried', [], `${c.error}; any other 2xx answer is accepted without the gateway's id`);
    return out;
  }
  rules.push(...statusCodeRules(r, success, c.groups));
  if (c.groups.includes('gateway_message_id')) out.messageId = { regex: c.regex };
  rules.push({ status: '2xx', bodyMatches: c.regex, outcome: 'accepted' });
  const notes = [
    'a matching 2xx answer is accepted',
    c.groups.includes('gateway_message_id') ? "its gateway_message_id group is the gateway's id" : 'it has no gateway_message_id group',
  ];
  notes.push(
    'a 2xx answer matching neither this nor an error rule leaves the message unknown (the original crashed), never resent blindly',
  );
  if (c.groups.includes('status_message')) notes.push('the status_message group of a success is not kept');
  r.report(
    'success_format',
    'carried',
    ['config.response.messageId', `config.response.rules[${rules.length - 1}]`],
    `${notes.join('; ')}.`,
  );
  return out;
}

/** Original statuses a send answer's status_code can map to, as what smsgw does with the answer. */
function statusCodeRules(r: RowReader, success: string, groups: string[]): ResponseRule[] {
  if (!groups.includes('status_code')) return [];
  const mapping = r.json('status_mapping');
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) return [];
  const rules: ResponseRule[] = [];
  for (const [code, word] of Object.entries(mapping)) {
    const status = typeof word === 'string' ? word.toLowerCase() : '';
    const outcome = status === 'failed' ? 'permanent' : status === 'unsent' ? 'temporary' : undefined;
    if (outcome === undefined) continue;
    const c = convertPythonRegex(success, { literalGroup: { name: 'status_code', literal: code } });
    if (!c.ok) continue;
    rules.push({ status: '2xx', bodyMatches: c.regex, outcome });
  }
  if (rules.length > 0) {
    r.report(
      'status_mapping',
      'changed',
      ['config.response.rules'],
      'send answers whose status_code maps to Failed fail the message, Unsent ones are retried; Sent and Delivered are accepted (a delivery report delivers it)',
    );
  }
  return rules;
}
