import { describe, expect, it } from 'vitest';
import { idAtTime, ulid } from '../src/ids.js';

/** Time bounds become id bounds (replies' since/until, retention's cutoffs): they must sort right. */
describe('idAtTime', () => {
  it('sorts at or below every id made at that millisecond and above every id made before it', () => {
    for (const t of [0, 1, 1_700_000_000_000, 1_800_000_123_456, 2 ** 48 - 2]) {
      const bound = idAtTime('rpl', t);
      expect(bound).toMatch(/^rpl_[0-9A-HJKMNP-TV-Z]{26}$/);
      // Ascending times, so ulid()'s monotonic state does not move them.
      const at = `rpl_${ulid(t)}`;
      expect(bound <= at, `${bound} <= ${at}`).toBe(true);
      expect(at.slice(0, 14)).toBe(bound.slice(0, 14));
      if (t > 0) {
        // The largest id whose time part is the millisecond before.
        const before = `${idAtTime('rpl', t - 1).slice(0, -16)}${'Z'.repeat(16)}`;
        expect(before < bound, `${before} < ${bound}`).toBe(true);
      }
    }
  });

  it('accepts a Date and clamps times out of the 48-bit range', () => {
    expect(idAtTime('msg', new Date(1_700_000_000_000))).toBe(idAtTime('msg', 1_700_000_000_000));
    expect(idAtTime('msg', -5)).toBe(`msg_${'0'.repeat(26)}`);
  });
});
