/**
 * Python `re` patterns as the gateway engine's regexes. django-sms-gateway stored its response
 * formats as Python regexes with named groups (`(?P<gateway_message_id>…)`) and applied them with
 * `re.match`, anchored at the start of the body. The engine runs JavaScript regexes (flag `m`)
 * and reads the group named `value`, so a pattern is translated, not copied.
 */

export interface RegexOptions {
  /** The Python group whose text the extractor returns: it becomes `value`. */
  valueGroup?: string;
  /** Replace this named group, contents and all, by a literal (to build one rule per mapped code). */
  literalGroup?: { name: string; literal: string };
  /** Anchor at the start of the body as `re.match` does. Default true. */
  anchored?: boolean;
}

export type RegexConversion = { ok: true; regex: string; groups: string[] } | { ok: false; error: string };

/**
 * The start of the input, whatever the flags: with `m`, `^` would also match after every line
 * break, which `re.match` never does.
 */
export const START = '(?<![\\s\\S])';
const END = '(?![\\s\\S])';

/** Escapes text for use as a literal inside a regex. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

interface OpenGroup {
  name: string | undefined;
  /** Where the group starts in the output. */
  at: number;
}

/**
 * Translates a Python regex. Named groups and backreferences become JavaScript's, `\A`/`\Z`
 * become lookarounds, `.` keeps Python's meaning, comments are dropped. Inline flags (`(?i)`…) have no equivalent in a
 * config regex and are refused, as is anything the JavaScript engine will not compile.
 */
export function convertPythonRegex(source: string, options: RegexOptions = {}): RegexConversion {
  let out = '';
  const groups: string[] = [];
  const open: OpenGroup[] = [];
  let i = 0;
  const rename = (name: string): string => {
    if (name === options.valueGroup) return 'value';
    // A group of the original's that happens to be called `value` must not shadow the one we read.
    return name === 'value' ? 'value_' : name;
  };
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '\\') {
      const next = source.charAt(i + 1);
      if (next === 'A') out += START;
      else if (next === 'Z') out += END;
      else out += c + next;
      i += 2;
      continue;
    }
    if (c === '[') {
      // A class is copied whole: `(` and `\A` mean nothing inside it. `]` first (or after `^`) is literal.
      let j = i + 1;
      if (source.charAt(j) === '^') j++;
      if (source.charAt(j) === ']') j++;
      while (j < source.length && source.charAt(j) !== ']') j += source.charAt(j) === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '(') {
      const rest = source.slice(i);
      const named = /^\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      const backref = /^\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
      const comment = /^\(\?#[^)]*\)/.exec(rest);
      const flags = /^\(\?[aiLmsux]+(?:-[imsx]+)?[:)]/.exec(rest);
      if (comment) {
        i += comment[0].length;
        continue;
      }
      if (flags) return { ok: false, error: `inline flags ${flags[0]} have no equivalent in a gateway config regex` };
      if (backref?.[1] !== undefined) {
        out += `\\k<${rename(backref[1])}>`;
        i += backref[0].length;
        continue;
      }
      if (named?.[1] !== undefined) {
        groups.push(named[1]);
        open.push({ name: named[1], at: out.length });
        out += `(?<${rename(named[1])}>`;
        i += named[0].length;
        continue;
      }
      open.push({ name: undefined, at: out.length });
      out += c;
      i++;
      continue;
    }
    if (c === ')') {
      const group = open.pop();
      out += c;
      if (group?.name !== undefined && group.name === options.literalGroup?.name) {
        out = `${out.slice(0, group.at)}(?:${escapeRegex(options.literalGroup.literal)})`;
      }
      i++;
      continue;
    }
    // Python's `.` stops only at \n; JavaScript's also at \r, \u2028 and \u2029.
    out += c === '.' ? '[^\\n]' : c;
    i++;
  }
  const regex = options.anchored === false ? out : `${START}(?:${out})`;
  try {
    new RegExp(regex, 'm');
  } catch (err) {
    return { ok: false, error: `does not compile as a JavaScript regex: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { ok: true, regex, groups };
}
