// The batching of keys' last use: many uses, one write; a failed write is retried, never lost
// to a newer use; close writes what is left.
import { describe, expect, it } from 'vitest';
import { createKeyUsage } from '../src/services/key-usage.js';

type Uses = ReadonlyArray<{ id: string; at: Date }>;

describe('key usage batching', () => {
  it('writes every key used since the last flush in one call, the latest time of each', async () => {
    const writes: Uses[] = [];
    const usage = createKeyUsage({ write: async (u) => void writes.push(u), intervalMs: 600_000, onError: () => undefined });
    for (let i = 0; i < 100; i++) usage.touch(i % 2 ? 'key_a' : 'key_b');
    await usage.flush();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.map((u) => u.id).sort()).toEqual(['key_a', 'key_b']);
    await usage.flush();
    expect(writes).toHaveLength(1);
    await usage.close();
  });

  it('keeps the uses of a failed write for the next one', async () => {
    const writes: Uses[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const usage = createKeyUsage({
      write: async (u) => {
        if (fail) throw new Error('database away');
        writes.push(u);
      },
      intervalMs: 600_000,
      onError: (err) => errors.push(err),
    });
    usage.touch('key_a');
    await usage.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    usage.touch('key_b');
    await usage.close();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.map((u) => u.id).sort()).toEqual(['key_a', 'key_b']);
  });

  it('flushes on its own timer', async () => {
    let resolve: (u: Uses) => void = () => undefined;
    const written = new Promise<Uses>((r) => (resolve = r));
    const usage = createKeyUsage({ write: async (u) => resolve(u), intervalMs: 10, onError: () => undefined });
    usage.touch('key_t');
    expect((await written).map((u) => u.id)).toEqual(['key_t']);
    await usage.close();
  });
});
