import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TemplateError, renderTemplate, templateVariables } from '../src/template.js';

const vars = {
  to: '+447400123456',
  name: 'Zoë',
  empty: '',
  zero: 0,
  no: false,
  nothing: null,
  undef: undefined,
  big: 12345678901234567890n,
  when: new Date('2024-05-06T07:08:09.000Z'),
  user: { first: 'Ada', tags: ['a', 'b'], address: { city: 'London' } },
  list: [10, 20],
  'with-dash': 'dashed',
};

function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
}

describe('renderTemplate', () => {
  it.each([
    ['plain text', 'plain text'],
    ['', ''],
    ['Hi {{name}}!', 'Hi Zoë!'],
    ['Hi {{  name  }}!', 'Hi Zoë!'],
    ['{{ user.first }} from {{ user.address.city }}', 'Ada from London'],
    ['{{ list.1 }}', '20'],
    ['{{ zero }} {{ no }}', '0 false'],
    ['{{ big }}', '12345678901234567890'],
    ['{{ when }}', '2024-05-06T07:08:09.000Z'],
    ['{{ user.tags }}', '["a","b"]'],
    ['{{ user.address }}', '{"city":"London"}'],
    ['{{ with-dash }}', 'dashed'],
    ['{{ to | noplus }}', '447400123456'],
    ['{{ name | noplus }}', 'Zoë'],
    ['{{ to | digits }}', '447400123456'],
    ['{{ name | upper }}', 'ZOË'],
    ['{{ name | lower }}', 'zoë'],
    ['{{ name | ucs2hex }}', '005A006F00EB'],
    ['{{ name | base64 }}', 'Wm/Dqw=='],
    ['{{ to | urlencode }}', '%2B447400123456'],
    ['{{ name | json }}', '"Zoë"'],
    ['{{ user | json }}', '{"first":"Ada","tags":["a","b"],"address":{"city":"London"}}'],
    ['{{ big | json }}', '"12345678901234567890"'],
    ['{{ to | noplus | digits | base64 }}', 'NDQ3NDAwMTIzNDU2'],
    ['{{ empty | default("none") }}', 'none'],
    ['{{ nothing | default("none") }}', 'none'],
    ['{{ undef | default("none") }}', 'none'],
    ['{{ absent | default("none") }}', 'none'],
    ['{{ absent.deeper | default("none") }}', 'none'],
    ['{{ name | default("none") }}', 'Zoë'],
    ['{{ zero | default("none") }}', '0'],
    ["{{ absent | default('single') }}", 'single'],
    ['{{ absent | default("a|b}") }}', 'a|b}'],
    ['{{ absent | default("say \\"hi\\"") }}', 'say "hi"'],
    ['{{ absent | upper | default("x") | upper }}', 'X'],
    ['{{ name | digits | default("no digits") }}', 'no digits'],
    ['{{name}}}', 'Zoë}'],
    ['}} {name} { {', '}} {name} { {'],
    ['{"to":{{ to | json }},"text":{{ name | json }}}', '{"to":"+447400123456","text":"Zoë"}'],
  ])('%j → %j', (template, expected) => {
    expect(renderTemplate(template, vars)).toBe(expected);
  });

  it('encodes for URLs per RFC 3986', () => {
    expect(renderTemplate('{{ s | urlencode }}', { s: "a b&c=d/é!'()*~" })).toBe('a%20b%26c%3Dd%2F%C3%A9%21%27%28%29%2A~');
  });

  it('hex-encodes emoji as two UTF-16 code units', () => {
    expect(renderTemplate('{{ s | ucs2hex }}', { s: 'Hi 😀' })).toBe('004800690020D83DDE00');
  });

  it.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'user.__proto__',
    'user.constructor',
    'to.length',
    'list.map',
    'user.tags.constructor',
  ])('treats the non-own property %s as missing', (path) => {
    expect(renderTemplate(`{{ ${path} | default("missing") }}`, vars)).toBe('missing');
    expect(renderTemplate(`[{{ ${path} }}]`, vars, { missing: 'empty' })).toBe('[]');
    expect(templateError(() => renderTemplate(`{{ ${path} }}`, vars)).path).toBe(path);
  });

  it('sees own properties named like prototype members', () => {
    const parsed = JSON.parse('{"__proto__":"own","constructor":"mine"}') as Record<string, unknown>;
    expect(renderTemplate('{{ __proto__ }} {{ constructor }}', parsed)).toBe('own mine');
    expect(renderTemplate('{{ x }}', Object.create({ x: 'inherited' }) as Record<string, unknown>, { missing: 'empty' })).toBe('');
  });

  it('throws on a missing variable by default and renders empty on request', () => {
    const err = templateError(() => renderTemplate('Hi {{ user.last }}', vars));
    expect(err.path).toBe('user.last');
    expect(err.message).toContain('user.last');
    expect(templateError(() => renderTemplate('{{ nothing }}', vars)).path).toBe('nothing');
    expect(renderTemplate('Hi {{ user.last | upper }}!', vars, { missing: 'empty' })).toBe('Hi !');
    expect(renderTemplate('{{ nothing }}{{ undef }}', vars, { missing: 'empty' })).toBe('');
  });

  it.each([
    ['{{ to', '{{ to'],
    ['ok {{ to }} then {{', '{{'],
    ['{{ }}', ''],
    ['{{ | upper }}', '| upper'],
    ['{{ a..b }}', 'a..b'],
    ['{{ a b }}', 'a b'],
    ['{{ user["first"] }}', 'user["first"]'],
    ['{{ a {{ b }}', 'a {{ b'],
    ['{{ to | }}', 'to'],
    ['{{ to | upper( }}', 'to'],
    ['{{ to | default }}', 'to'],
    ['{{ to | default(x) }}', 'to'],
    ['{{ to | default("x") extra }}', 'to'],
    ['{{ to | upper("x") }}', 'to'],
    ['{{ to | nope }}', 'to'],
    ['{{ to | constructor }}', 'to'],
    ['{{ to | Upper }}', 'to'],
    ["{{ it's }} and {{ to }}", "it's"],
    ['{{ to | default("}}") ', '{{ to | default("}}") '],
  ])('rejects %j', (template, path) => {
    const err = templateError(() => renderTemplate(template, vars));
    expect(err.path).toBe(path);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('TemplateError');
    expect(() => templateVariables(template)).toThrow(TemplateError);
  });

  it('reports the unknown filter by name', () => {
    expect(templateError(() => renderTemplate('{{ to | nope }}', vars)).message).toContain('unknown filter "nope"');
  });

  it('turns unrenderable values into TemplateErrors', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(templateError(() => renderTemplate('{{ c }}', { c: cyclic })).path).toBe('c');
    expect(templateError(() => renderTemplate('{{ f }}', { f: () => 1 })).path).toBe('f');
    expect(templateError(() => renderTemplate('{{ s }}', { s: Symbol('x') })).path).toBe('s');
    expect(templateError(() => renderTemplate('{{ s | urlencode }}', { s: '\uD800' })).path).toBe('s');
    expect(templateError(() => renderTemplate('{{ d }}', { d: new Date('nope') })).path).toBe('d');
  });

  it('copies text without tags verbatim', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('{{')),
        (text) => {
          expect(renderTemplate(text, {})).toBe(text);
          expect(templateVariables(text)).toEqual([]);
        },
      ),
    );
  });

  it('substitutes any string value unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (value, text) => {
        const safe = text.replaceAll('{', '(');
        expect(renderTemplate(`${safe}{{ v }}${safe}`, { v: value })).toBe(`${safe}${value}${safe}`);
      }),
    );
  });
});

describe('renderTemplate maxLength', () => {
  it('stops a small template repeating a large variable before building the output', () => {
    const big = 'x'.repeat(1_000_000);
    const started = Date.now();
    const err = templateError(() => renderTemplate('{{a}}'.repeat(600), { a: big }, { maxLength: 20_000 }));
    expect(err.code).toBe('content_too_long');
    expect(err.path).toBe('a');
    expect(err.message).toContain('20000');
    // Rendering 600 MB first would take seconds (or die of a RangeError); failing on the first tag does not.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('counts literal text, filters and the exact boundary', () => {
    expect(renderTemplate('ab{{ v }}', { v: 'cd' }, { maxLength: 4 })).toBe('abcd');
    const over = templateError(() => renderTemplate('ab{{ v }}e', { v: 'cd' }, { maxLength: 4 }));
    expect([over.code, over.path]).toEqual(['content_too_long', '']);
    expect(templateError(() => renderTemplate('{{ v | ucs2hex }}', { v: 'ab' }, { maxLength: 7 })).code).toBe('content_too_long');
    expect(renderTemplate('{{ v | ucs2hex }}', { v: 'ab' }, { maxLength: 8 })).toBe('00610062');
  });

  it('keeps other failures as template_error and needs no limit', () => {
    expect(templateError(() => renderTemplate('{{ nope }}', {}, { maxLength: 10 })).code).toBe('template_error');
    expect(renderTemplate('{{a}}{{a}}', { a: 'x'.repeat(50_000) })).toHaveLength(100_000);
  });
});

describe('templateVariables', () => {
  it('lists distinct paths in order of first appearance', () => {
    expect(templateVariables('{{ to | noplus }} {{ user.first }} {{to}} {{ a | default("{{ b }}") }}')).toEqual(['to', 'user.first', 'a']);
    expect(templateVariables('')).toEqual([]);
  });
});
