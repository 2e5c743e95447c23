import { AppError, TemplateError } from '@smsgw/core';
import type { MessageInput } from '../schemas/messages.js';
import { parseTemplateRef, renderBody, type TemplateStore } from './template-store.js';

/** The longest content `maxSegments` GSM-7 segments can carry: a template may not render past it. */
export const maxContentLength = (maxSegments: number): number => Math.max(160, 153 * maxSegments);

/** The text to send, and the stored template version it came from (recorded on the message). */
export interface WrittenContent {
  text: string;
  template?: { name: string; version: number };
}

/**
 * The message's text: its `content`, or its template rendered with its variables: an inline
 * `template.body`, or a stored one by `template.name` (`name@version`, or `version`, pins one;
 * else the latest). A variable the template needs but was not given is 422 naming it.
 */
export async function contentOf(
  input: MessageInput,
  maxSegments: number,
  templates: TemplateStore,
  accountId: string,
): Promise<WrittenContent> {
  if (input.content !== undefined && input.template) {
    throw new AppError('invalid_content', 'Give either content or template, not both');
  }
  const t = input.template;
  if (!t) return { text: input.content ?? '' };
  if (t.body !== undefined && t.name !== undefined) throw new AppError('invalid_content', 'Give template.body or template.name, not both');
  let body = t.body;
  let used: WrittenContent['template'];
  if (body === undefined) {
    if (t.name === undefined) throw new AppError('unknown_template', 'Give template.name (a stored template) or template.body');
    const ref = parseTemplateRef(t.name, t.version);
    const found = await templates.resolve(accountId, ref.name, ref.version);
    if (!found) {
      const which = ref.version === undefined ? `"${ref.name}"` : `"${ref.name}" version ${ref.version}`;
      throw new AppError('unknown_template', `There is no template ${which}`);
    }
    body = found.version.body;
    used = { name: found.template.name, version: found.version.version };
  }
  try {
    const text = renderBody(body, t.vars, maxContentLength(maxSegments));
    return used ? { text, template: used } : { text };
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    // Past the render cap the text cannot fit maxSegments in any encoding: the client hears
    // the same refusal as for a long `content`.
    if (err.code === 'content_too_long') {
      throw new AppError('too_many_segments', `The rendered template needs more than the ${maxSegments} segments allowed`, { cause: err });
    }
    throw new AppError(err.code, err.message, { cause: err });
  }
}
