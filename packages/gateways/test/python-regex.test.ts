import { describe, expect, it } from 'vitest';
import { convertPythonRegex } from '../src/migrate/python-regex.js';

const compile = (source: string, options = {}) => {
  const c = convertPythonRegex(source, options);
  if (!c.ok) throw new Error(c.error);
  return new RegExp(c.regex, 'm');
};

describe('convertPythonRegex', () => {
  it('renames the group read to value, keeps the others, and lists them', () => {
    const c = convertPythonRegex('ID: (?P<gateway_message_id>\\w+) (?P<status_code>\\d+)', { valueGroup: 'gateway_message_id' });
    expect(c).toMatchObject({ ok: true, groups: ['gateway_message_id', 'status_code'] });
    expect(
      compile('ID: (?P<gateway_message_id>\\w+) (?P<status_code>\\d+)', { valueGroup: 'gateway_message_id' }).exec('ID: ab12 7')?.groups,
    ).toEqual({ value: 'ab12', status_code: '7' });
  });

  it('anchors at the start of the body like re.match, not at every line', () => {
    const re = compile('ID: (?P<x>\\w+)');
    expect(re.test('ID: 1')).toBe(true);
    expect(re.test('note\nID: 1')).toBe(false);
    expect(compile('ID', { anchored: false }).test('note\nID')).toBe(true);
  });

  it('translates backreferences, \\A and \\Z, and drops comments', () => {
    expect(compile('(?P<q>["\'])x(?P=q)').test('"x"')).toBe(true);
    expect(compile('(?P<q>["\'])x(?P=q)').test('"x\'')).toBe(false);
    expect(compile('\\Aa\\Z(?#the whole body)', { anchored: false }).test('a')).toBe(true);
    expect(compile('\\Aa\\Z', { anchored: false }).test('a\nb')).toBe(false);
  });

  it("keeps Python's dot, which matches a carriage return", () => {
    expect(compile('a.b').test('a\rb')).toBe(true);
    expect(compile('a.b').test('a\nb')).toBe(false);
  });

  it('leaves character classes alone, parentheses and escapes included', () => {
    expect(compile('[(?P<no>)\\]]+').test('(?P<no>)]')).toBe(true);
  });

  it('replaces a named group by a literal, for one rule per mapped code', () => {
    const re = compile('OK (?P<status_code>\\d+(?:\\.\\d)?) (?P<id>\\w+)', { literalGroup: { name: 'status_code', literal: '7.1' } });
    expect(re.test('OK 7.1 abc')).toBe(true);
    expect(re.test('OK 721 abc')).toBe(false);
  });

  it('refuses inline flags and what JavaScript cannot compile', () => {
    expect(convertPythonRegex('(?i)ok')).toMatchObject({ ok: false, error: expect.stringMatching(/inline flags/) });
    expect(convertPythonRegex('(?P<a>x')).toMatchObject({ ok: false, error: expect.stringMatching(/does not compile/) });
  });
});
