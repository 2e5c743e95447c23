import { describe, expect, it } from 'vitest';
import { defaultRejectsPath } from '../src/commands/bulk.js';
import { csvLine, parseCsv } from '../src/csv.js';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; CRLF; a BOM; skips blank lines', () => {
    const text = '\ufeffto,content\r\n+4471,"Hello, ""you"""\r\n\r\n+4472,"two\nlines"\n+4473,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['to', 'content'] },
      { line: 2, fields: ['+4471', 'Hello, "you"'] },
      { line: 4, fields: ['+4472', 'two\nlines'] },
      { line: 6, fields: ['+4473', ''] },
    ]);
  });

  it('reads a last record without a line break, and refuses an unclosed quote', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(/unclosed quote.*line 2/);
  });

  it('writes what it reads back', () => {
    const values = ['plain', 'with, comma', 'with "quote"', 'two\nlines', ' padded ', ''];
    expect(parseCsv(csvLine(values))[0]?.fields).toEqual(values);
  });

  it('names the rejects file after the input', () => {
    expect(defaultRejectsPath('/tmp/contacts.csv')).toBe('/tmp/contacts.rejected.csv');
    expect(defaultRejectsPath('list.CSV')).toBe('list.rejected.csv');
    expect(defaultRejectsPath('numbers.txt')).toBe('numbers.txt.rejected.csv');
  });
});
