import type { JobsOptions, Queue } from 'bullmq';

export interface BulkJob {
  name: string;
  data: Record<string, unknown>;
  opts: JobsOptions;
}

/**
 * Jobs added to one queue during the same event-loop turn go to Redis as one `addBulk` (one
 * round trip, one MULTI) instead of one `add` each. Each caller's promise settles with its batch.
 */
export function createCoalescer(queue: () => Queue, maxJobs = 500): (job: BulkJob) => Promise<void> {
  let pending: { job: BulkJob; resolve: () => void; reject: (err: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending.splice(0, maxJobs);
    if (pending.length > 0) setImmediate(flush);
    queue()
      .addBulk(batch.map((p) => p.job))
      .then(
        () => batch.forEach((p) => p.resolve()),
        (err: unknown) => batch.forEach((p) => p.reject(err)),
      );
  };
  return (job) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ job, resolve, reject });
      if (pending.length === 1) setImmediate(flush);
    });
}
