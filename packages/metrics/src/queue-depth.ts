import { Gauge, type Registry } from 'prom-client';
import { METRIC_NAMES } from './instruments.js';

/** The job states counted, in BullMQ's words (`wait` is waiting; `prioritized` waits too, by priority). */
export const QUEUE_STATES = ['wait', 'prioritized', 'active', 'delayed', 'failed'] as const;

/** What a queue must offer to be counted (BullMQ's Queue fits). */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export interface QueueDepthOptions {
  /** The queues to count now: every gateway's send queue and the fixed ones (re-read when the cache expires). */
  queues: () => Promise<readonly CountableQueue[]>;
  /** How long one reading serves scrapes (default 5 s): frequent scrapes and several scrapers cost Redis nothing more. */
  ttlMs?: number;
  /** Told when a reading fails; the scrape then has no queue series rather than made-up zeros. */
  onError?: (err: unknown) => void;
  now?: () => number;
}

interface Sample {
  queue: string;
  state: string;
  count: number;
}

/**
 * `smsgw_queue_jobs{queue,state}`: jobs per queue and state, read when Prometheus scrapes (one
 * getJobCounts per queue, all at once), and kept `ttlMs` so a burst of scrapes is one reading.
 * Concurrent scrapes share the reading in flight.
 */
export function queueDepthGauge(registry: Registry, opts: QueueDepthOptions): Gauge<'queue' | 'state'> {
  const ttlMs = opts.ttlMs ?? 5000;
  const now = opts.now ?? Date.now;
  let cached: { at: number; reading: Promise<Sample[]> } | undefined;
  const read = async (): Promise<Sample[]> => {
    const queues = await opts.queues();
    const counts = await Promise.all(queues.map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...QUEUE_STATES) })));
    return counts.flatMap(({ queue, counts: c }) => QUEUE_STATES.map((state) => ({ queue, state, count: c[state] ?? 0 })));
  };
  const reading = (): Promise<Sample[]> => {
    const t = now();
    if (!cached || t - cached.at >= ttlMs) {
      const current = { at: t, reading: read() };
      // A failed reading is not kept: the next scrape tries again.
      current.reading.catch(() => {
        if (cached === current) cached = undefined;
      });
      cached = current;
    }
    return cached.reading;
  };
  // One registry shared by two parts of one process (the one-process demo): the first gauge counts.
  const existing = registry.getSingleMetric(METRIC_NAMES.queueJobs);
  if (existing instanceof Gauge) return existing as Gauge<'queue' | 'state'>;
  return new Gauge({
    name: METRIC_NAMES.queueJobs,
    help: 'Jobs in each queue by state (wait, prioritized, active, delayed, failed), read at scrape time and cached briefly',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const s of await reading()) this.set({ queue: s.queue, state: s.state }, s.count);
      } catch (err) {
        opts.onError?.(err);
      }
    },
  });
}
