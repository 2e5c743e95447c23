import type { Io } from './output.js';

export interface Progress {
  update(done: number, extra?: string): void;
  /** The last drawing (with `done` as it ended), and the line break. */
  finish(done: number, extra?: string): void;
}

const WIDTH = 30;
const EVERY_MS = 100;

/**
 * A one-line progress bar on stderr, redrawn in place (`\r`), at most every 100 ms. Drawn when
 * stderr is a terminal or when asked (`--progress`); otherwise nothing is written.
 */
export function progressBar(io: Io, total: number, label: string, enabled: boolean): Progress {
  let last = 0;
  let shown = '';
  const draw = (done: number, extra: string) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    const text = `${label} ${bar} ${done}/${total} ${String(Math.floor(ratio * 100)).padStart(3)}%${extra ? `  ${extra}` : ''}`;
    // Pad over the previous line's tail when this one is shorter.
    io.stderr.write(`\r${text}${' '.repeat(Math.max(0, shown.length - text.length))}`);
    shown = text;
  };
  if (!enabled) return { update() {}, finish() {} };
  draw(0, '');
  return {
    update(done, extra = '') {
      const now = Date.now();
      if (now - last < EVERY_MS && done < total) return;
      last = now;
      draw(done, extra);
    },
    finish(done, extra = '') {
      draw(done, extra);
      io.stderr.write('\n');
    },
  };
}
