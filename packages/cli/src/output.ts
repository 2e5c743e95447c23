import type { Writable } from 'node:stream';

/** Where a command writes: results on stdout (JSON with `--json`), everything else on stderr. */
export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  json: boolean;
}

/** Writes one JSON document (or one line of NDJSON, for following commands) to stdout. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

export function line(io: Io, text: string): void {
  io.stdout.write(`${text}\n`);
}

/** Notes and warnings: stderr, so stdout stays the result. */
export function note(io: Io, text: string): void {
  io.stderr.write(`${text}\n`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s+/g, ' ');
}

/** A plain text table: a header row and padded columns; long cells are cut at `max` characters. */
export function table(io: Io, columns: readonly string[], rows: readonly Record<string, unknown>[], max = 48): void {
  if (rows.length === 0) {
    note(io, '(none)');
    return;
  }
  const text = rows.map((row) =>
    columns.map((c) => {
      const s = cell(row[c]);
      return s.length > max ? `${s.slice(0, max - 1)}…` : s;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((r) => (r[i] ?? '').length)));
  const render = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  line(io, render(columns.map((c) => c.toUpperCase())));
  for (const r of text) line(io, render(r));
}

/** Key: value lines for one object. */
export function details(io: Io, entries: readonly [string, unknown][]): void {
  const width = Math.max(...entries.map(([k]) => k.length));
  for (const [k, v] of entries) line(io, `${`${k}:`.padEnd(width + 1)} ${cell(v)}`);
}
