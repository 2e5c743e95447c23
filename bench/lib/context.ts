/** What every phase is given: settings, the shared services, and the run's ledger. */
import type { Child } from './children.js';
import type { BenchDatabase } from './database.js';
import type { ProductSettings } from './product.js';
import type { BenchRedis } from './redis.js';
import type { Settings } from './settings.js';

export interface Context {
  settings: Settings;
  db: BenchDatabase;
  redis: BenchRedis;
  product: ProductSettings;
  /** The main sandbox (5 ms, delivery reports on), registered as the `sandbox` gateway. */
  sandbox: Child;
  /** Every message id the product answered 202 for, over the whole run (the correctness check). */
  acceptedIds: string[];
  /** Failed checks (the run exits non-zero if any). */
  failures: string[];
  /** Warnings worth printing that do not fail the run. */
  notes: string[];
  /** Epoch ms by which the whole run must be done (teardown excluded). */
  deadline: number;
  /** Stacks started so far (each gets its own warm-up block). */
  stacks: number;
  out(line: string): void;
}

/** Milliseconds left before the run's deadline. */
export function remainingMs(ctx: Context): number {
  return ctx.deadline - Date.now();
}
