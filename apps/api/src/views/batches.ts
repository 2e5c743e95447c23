import type { z } from 'zod';
import { MESSAGE_STATUSES, TERMINAL_STATUSES } from '@smsgw/core';
import type { BatchProgress, BatchRow } from '@smsgw/db';
import type { batchSchema, batchSummarySchema } from '../schemas/batches.js';

export type BatchSummaryView = z.infer<typeof batchSummarySchema>;
export type BatchView = z.infer<typeof batchSchema>;

/** Two decimals, and 100 for an empty batch (as the original's MessageSet). */
const percent = (done: number, total: number): number => (total <= 0 ? 100 : Math.floor((done / total) * 10_000) / 100);

/** A batch from its row alone: the counter the completing statement keeps. */
export function batchSummaryView(b: BatchRow): BatchSummaryView {
  return {
    id: b.id,
    total: b.total,
    done: b.done,
    percentComplete: percent(b.done, b.total),
    completed: b.completedAt !== null,
    atomic: b.atomic,
    webhookUrl: b.webhookUrl,
    createdAt: b.createdAt.toISOString(),
    completedAt: b.completedAt?.toISOString() ?? null,
  };
}

/**
 * A batch with its messages counted by status. Progress is read from those counts (one read, so
 * the numbers agree with each other), not from the counter, which a concurrent change may have moved.
 */
export function batchView(b: BatchRow, p: BatchProgress): BatchView {
  const counts = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, p.counts[s] ?? 0])) as BatchView['counts'];
  const total = MESSAGE_STATUSES.reduce((n, s) => n + counts[s], 0);
  const done = MESSAGE_STATUSES.reduce((n, s) => n + (TERMINAL_STATUSES.has(s) ? counts[s] : 0), 0);
  return { ...batchSummaryView(b), total, done, percentComplete: percent(done, total), counts, charged: p.charged, estimated: p.estimated };
}
