/**
 * CSV as RFC 4180 writes it: comma-separated, fields in double quotes when they hold a comma, a
 * quote or a line break, quotes doubled inside. Small on purpose: the bulk send reads a header
 * and rows, and writes its rejects the same way.
 */

export interface CsvRecord {
  /** 1-based line where the record starts (what a person looks for in an editor). */
  line: number;
  fields: string[];
}

/** Parses a whole document. Throws on a quote that is never closed. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // A BOM, as spreadsheet programs write one.
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw new Error(`unclosed quote in the record starting on line ${start}`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (with its line break). */
export function csvLine(values: readonly string[]): string {
  return `${values.map(quote).join(',')}\n`;
}
