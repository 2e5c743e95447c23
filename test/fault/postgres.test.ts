import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@smsgw/db';
import { startPgCluster, type PgCluster } from './pg-cluster.js';
import { useStack } from './stack.js';

/**
 * PostgreSQL cutting every connection mid-run: `pg_terminate_backend` on each of them, and a
 * restart of the server. The server is a private cluster of this file's own (pg-cluster.ts):
 * the machine's shared PostgreSQL serves the other test files and is never restarted.
 */
describe('fault: PostgreSQL cuts every connection mid-run', () => {
  let cluster: PgCluster | undefined;
  const stack = useStack({
    label: 'postgres',
    async database() {
      cluster = await startPgCluster();
      const url = await cluster.createMigrated('smsgw_fault');
      const database = await openDatabase({ url, max: 4 });
      const owned = cluster;
      return {
        url,
        database,
        async drop() {
          await database.close();
          await owned.destroy();
        },
      };
    },
  });

  /** Every backend of the stack's database but the one asking; returns how many were cut. */
  const terminateAll = async (): Promise<number> => {
    if (!cluster) throw new Error('no cluster');
    const admin = postgres(cluster.url('postgres'), { max: 1, onnotice: () => undefined });
    try {
      const rows = await admin<{ cut: boolean }[]>`
        SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
        WHERE datname = 'smsgw_fault' AND pid <> pg_backend_pid()`;
      return rows.filter((r) => r.cut).length;
    } finally {
      await admin.end({ timeout: 5 });
    }
  };

  /**
   * The API and the workers must live through it: a process that exits on a lost connection is
   * down until someone restarts it. One that did exit is started again (as a supervisor would) so
   * the case still shows whether anything was lost; the returned check fails the case at its end.
   */
  const survivors = async (): Promise<() => void> => {
    const dead = [stack.api, ...stack.workers].filter((p) => !p.running());
    const report = dead.map((p) => `${p.name} exited:\n${p.tail().slice(-12).join('\n')}`).join('\n');
    if (!stack.api.running()) await stack.startApi();
    for (const w of stack.workers.filter((p) => !p.running())) {
      await stack.stopWorker(w, 'SIGKILL');
      await stack.startWorker();
    }
    return () =>
      expect(
        dead.map((p) => p.name),
        report,
      ).toEqual([]);
  };

  it('pg_terminate_backend on every connection: the API and workers reconnect; nothing lost, nothing sent twice', async () => {
    const startedAt = Date.now();
    await stack.startWorker();
    await stack.startWorker();
    const before = stack.sandbox.requests().length;
    const posting = stack.burst('t', 150, 8);
    await stack.sandboxReceived(before + 40);
    // Three waves, 300 ms apart (the fault's own rhythm): the second and third also catch the
    // connections the processes opened again after the first, some still starting up.
    let cut = 0;
    for (let wave = 0; wave < 3; wave++) {
      if (wave > 0) await new Promise((r) => setTimeout(r, 300));
      cut += await terminateAll();
    }
    // API, two workers and this process each had connections open.
    expect(cut).toBeGreaterThanOrEqual(4);
    const first = await posting;
    const expectSurvived = await survivors();
    console.log(`[fault] pg_terminate_backend: ${cut} connections cut, ${first.refused.length} requests refused meanwhile`);
    // A refused request was not accepted; the client retries it with the same key.
    const ids = [...first.ok, ...(await stack.sendUntilAccepted(first.refused, 8))];
    expect(new Set(ids).size).toBe(150);
    const settled = await stack.settleCase('pg_terminate_backend', ids, { timeoutMs: 90_000, startedAt });
    expect(settled.counts['failed'] ?? 0).toBe(0);
    expectSurvived();
  }, 150_000);

  it('PostgreSQL restart (pg_ctl restart -m immediate): the API answers 503 meanwhile, then everything is sent once', async () => {
    const startedAt = Date.now();
    expect(stack.workers).toHaveLength(2);
    if (!cluster) throw new Error('no cluster');
    const before = stack.sandbox.requests().length;
    const posting = stack.burst('p', 150, 8);
    await stack.sandboxReceived(before + 40);
    await cluster.restart();
    const first = await posting;
    const expectSurvived = await survivors();
    console.log(`[fault] PostgreSQL restart: ${first.refused.length} requests refused during the restart`);
    const ids = [...first.ok, ...(await stack.sendUntilAccepted(first.refused, 8))];
    expect(new Set(ids).size).toBe(150);
    const settled = await stack.settleCase('PostgreSQL restart', ids, { timeoutMs: 90_000, startedAt });
    expect(settled.counts['failed'] ?? 0).toBe(0);
    expectSurvived();
  }, 150_000);
});
