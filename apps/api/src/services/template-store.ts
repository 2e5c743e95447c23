import { AppError, countSegments, renderTemplate, TemplateError, templateVariables } from '@smsgw/core';
import { getTemplate, type Db, type TemplateWithVersion, type VersionContent } from '@smsgw/db';

const MAX_ENTRIES = 10_000;

/**
 * Stored templates as the accept path reads them: cached for `ttlMs` per (account, name,
 * version), so sending by name costs no query per message. Writes through the API call
 * `invalidate()`; another process sees a new version or a delete within `ttlMs`.
 */
export function createTemplateStore(db: Db, ttlMs = 1000) {
  const cache = new Map<string, { at: number; value: Promise<TemplateWithVersion | undefined> }>();
  return {
    resolve(accountId: string, name: string, version?: number): Promise<TemplateWithVersion | undefined> {
      const key = `${accountId}\u0000${name}\u0000${version ?? ''}`;
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && now - hit.at <= ttlMs) return hit.value;
      if (cache.size >= MAX_ENTRIES) cache.clear();
      const value = getTemplate(db, accountId, name, version);
      cache.set(key, { at: now, value });
      value.catch(() => {
        if (cache.get(key)?.value === value) cache.delete(key);
      });
      return value;
    },
    /** Forgets the account's templates (the cache is small; dropping all of them is simpler than indexing by account). */
    invalidate(): void {
      cache.clear();
    },
  };
}
export type TemplateStore = ReturnType<typeof createTemplateStore>;

/**
 * What a version stores of its body: its variables (which also checks the syntax: a bad tag or an
 * unknown filter is 422 `template_error`) and the segments of its fixed text, the least a render
 * needs.
 */
export function measureBody(body: string): VersionContent {
  try {
    const variables = templateVariables(body);
    const fixed = countSegments(renderTemplate(body, {}, { missing: 'empty' }));
    return { body, variables, encoding: fixed.encoding, segments: fixed.segments };
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    throw new AppError('template_error', err.message, { cause: err, details: { tag: err.path } });
  }
}

/** A template reference: `otp`, `otp@2`, or a name with `version` beside it. */
export function parseTemplateRef(name: string, version: number | undefined): { name: string; version: number | undefined } {
  const at = name.lastIndexOf('@');
  if (at < 0) return { name, version };
  const pinned = Number(name.slice(at + 1));
  if (!Number.isInteger(pinned) || pinned < 1 || String(pinned) !== name.slice(at + 1)) {
    throw new AppError('unknown_template', `"${name}" is not a template name or name@version`);
  }
  if (version !== undefined && version !== pinned) {
    throw new AppError('unknown_template', `"${name}" names version ${pinned} but version says ${version}`);
  }
  return { name: name.slice(0, at), version: pinned };
}

const MISSING = 'unknown variable ';

/**
 * Renders a template's text. A variable it uses but was not given is 422
 * `template_error` naming it (in the message and `details.variable`); output past `maxLength` is the
 * engine's `content_too_long`, left to the caller to name.
 */
export function renderBody(body: string, vars: Record<string, unknown>, maxLength: number): string {
  try {
    return renderTemplate(body, vars, { missing: 'error', maxLength });
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    // The engine says "unknown variable <path>" only for a variable the vars lack (a tag with a
    // `default` filter never does): that is the caller's omission, not the template's fault.
    if (err.code === 'template_error' && err.message.startsWith(MISSING)) {
      throw new AppError('template_error', `The template needs the variable "${err.path}", which vars does not give`, {
        cause: err,
        details: { variable: err.path },
      });
    }
    throw err;
  }
}
