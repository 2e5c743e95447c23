/**
 * Items handed in during the same event-loop turn go out as one batch (for a queue: one `addBulk`,
 * one round trip, one MULTI) instead of one call each. Each caller's promise settles with its batch.
 * Generic over the item so this file needs no queue library.
 */
export function createCoalescer<T>(sendBatch: (items: T[]) => Promise<unknown>, maxItems = 500): (item: T) => Promise<void> {
  const pending: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending.splice(0, maxItems);
    if (pending.length > 0) setImmediate(flush);
    sendBatch(batch.map((p) => p.item)).then(
      () => {
        for (const p of batch) p.resolve();
      },
      (err: unknown) => {
        for (const p of batch) p.reject(err);
      },
    );
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length === 1) setImmediate(flush);
    });
}
