/**
 * Preloaded (`--import`) into every Node process the bench starts, the product's included: if
 * the orchestrator disappears without stopping its children (SIGKILL, a crash), this process is
 * re-parented, and it ends itself with SIGTERM (the product's graceful shutdown), then for sure.
 * One unref'd one-second timer; it does nothing else.
 */
const parent = Number(process.env['BENCH_PARENT_PID'] ?? process.ppid);

const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.exit(1), 10_000).unref();
}, 1000);
timer.unref();

export {};
