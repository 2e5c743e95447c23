import { describe, expect, it } from 'vitest';
import { loggableError, loggerOptions } from '../src/logging.js';

/** The shape of drizzle's failed-query error: message and `params` carry the values. */
function queryError(params: unknown[], causeMessage: string): Error {
  const cause = Object.assign(new Error(causeMessage), { code: '22P02' });
  const err = new Error(`Failed query: insert into messages values ($1, $2)\nparams: ${params.join(',')}`, { cause });
  return Object.assign(err, { query: 'insert into messages values ($1, $2)', params });
}

describe('loggableError', () => {
  it('keeps the query text and the database error, without the parameters', () => {
    const safe = loggableError(
      queryError(['+447400123456', 'Hello secret body'], 'invalid input syntax for type integer: "+447400123456"'),
    );
    expect(safe).toBeInstanceOf(Error);
    const text = `${(safe as Error).message}\n${(safe as Error).stack ?? ''}`;
    expect(text).toContain('insert into messages values ($1, $2)');
    expect(text).toContain('invalid input syntax');
    expect(text).not.toContain('+447400123456');
    expect(text).not.toContain('Hello secret body');
    expect(safe).toMatchObject({ code: '22P02' });
    expect(safe).not.toHaveProperty('params');
  });

  it('leaves other errors as they are', () => {
    const err = new Error('plain');
    expect(loggableError(err)).toBe(err);
    expect(loggableError('text')).toBe('text');
  });

  it('the pino err serializer applies it before pino’s own', () => {
    const seen: Error[] = [];
    const opts = loggerOptions('info', (e) => {
      seen.push(e);
      return { message: e.message };
    });
    opts.serializers.err(queryError(['+447400123456'], 'boom'));
    expect(seen[0]?.message).not.toContain('+447400123456');
    expect(opts.serializers.err('not an error')).toBe('not an error');
  });
});
