/**
 * The fault suite's summary: one row per case, printed when a file's cases are done and written
 * under test/fault/out/ (git-ignored). Fault files run in parallel processes, so each writes its
 * own rows and then rebuilds the combined table from every file of the same run.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { repoRoot } from './procs.js';

export interface CaseRow {
  case: string;
  accepted: number;
  sent: number;
  delivered: number;
  failed: number;
  unknown: number;
  /** Every send request the provider received for the case's messages, refused ones included. */
  providerRequests: number;
  /** Messages the provider may have taken more than once: must be 0. */
  duplicates: number;
  /** Accepted messages still not at rest (queued, sending, sent) when the case gave up waiting. */
  unsettled: number;
  /** Invariant violations found (see oracle.ts caseProblems). */
  problems: number;
  seconds: number;
}

const OUT_DIR = join(repoRoot, 'test/fault/out');
const COLUMNS: [keyof CaseRow, string][] = [
  ['case', 'case'],
  ['accepted', 'accepted'],
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['failed', 'failed'],
  ['unknown', 'unknown'],
  ['providerRequests', 'provider requests'],
  ['duplicates', 'duplicates'],
  ['unsettled', 'unsettled'],
  ['problems', 'problems'],
  ['seconds', 's'],
];

/** A plain-text table (also valid Markdown). */
export function renderTable(rows: readonly CaseRow[]): string {
  const cells = [COLUMNS.map(([, title]) => title), ...rows.map((r) => COLUMNS.map(([k]) => String(r[k])))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const [head, ...body] = cells;
  return [line(head ?? []), rule, ...body.map(line)].join('\n');
}

interface FileRows {
  run: string;
  file: string;
  rows: CaseRow[];
}

export interface FaultTable {
  add(row: CaseRow): void;
  /** Prints this file's rows and writes them; rebuilds out/faults.md from the run's files. */
  flush(): void;
}

export function faultTable(file: string): FaultTable {
  const rows: CaseRow[] = [];
  // Unique per `vitest run` and shared by its test files: tells this run's files from older ones.
  const run = inject('redisPrefix');
  return {
    add: (row) => rows.push(row),
    flush() {
      if (rows.length === 0) return;
      console.log(`\n[fault] ${file}\n${renderTable(rows)}\n`);
      mkdirSync(OUT_DIR, { recursive: true });
      const mine: FileRows = { run, file, rows };
      writeFileSync(join(OUT_DIR, `${file}.json`), `${JSON.stringify(mine, null, 2)}\n`);
      const all: FileRows[] = [];
      for (const name of readdirSync(OUT_DIR)
        .filter((n) => n.endsWith('.json'))
        .sort()) {
        try {
          const parsed = JSON.parse(readFileSync(join(OUT_DIR, name), 'utf8')) as FileRows;
          if (parsed.run === run) all.push(parsed);
        } catch {
          // Another file is writing it right now: the last file to finish rebuilds it anyway.
        }
      }
      const combined = all.flatMap((f) => f.rows.map((r) => ({ ...r, case: `${f.file}: ${r.case}` })));
      writeFileSync(join(OUT_DIR, 'faults.md'), `# Fault suite, run ${run} (${new Date().toISOString()})\n\n${renderTable(combined)}\n`);
    },
  };
}
