import { describe, expect, it } from 'vitest';
import { decideReport, MESSAGE_STATUSES, REPORT_STATUSES } from '../src/statuses.js';

describe('decideReport for a message waiting to retry (queued, attempted)', () => {
  const attempted = { attempted: true };

  it('applies a final report, so the retry finds nothing to claim', () => {
    expect(decideReport('queued', 'delivered', attempted)).toEqual({ action: 'apply', to: 'delivered' });
    expect(decideReport('queued', 'failed', attempted)).toEqual({ action: 'apply', to: 'failed' });
    expect(decideReport('queued', 'expired', attempted)).toEqual({ action: 'apply', to: 'expired' });
  });

  it('applies sent/accepted as sent: the gateway took the attempt after all', () => {
    expect(decideReport('queued', 'sent', attempted)).toEqual({ action: 'apply', to: 'sent' });
    expect(decideReport('queued', 'accepted', attempted)).toEqual({ action: 'apply', to: 'sent' });
  });

  it('only records an informational report, leaving the retry in place', () => {
    expect(decideReport('queued', 'buffered', attempted)).toEqual({ action: 'record' });
  });

  it('still ignores every report for a queued message never attempted (default and explicit)', () => {
    for (const r of REPORT_STATUSES) {
      expect(decideReport('queued', r).action).toBe('ignore');
      expect(decideReport('queued', r, { attempted: false }).action).toBe('ignore');
    }
  });

  it('does not change the decision for any other status', () => {
    for (const s of MESSAGE_STATUSES) {
      if (s === 'queued') continue;
      for (const r of REPORT_STATUSES) expect(decideReport(s, r, attempted)).toEqual(decideReport(s, r));
    }
  });

  it('never moves a terminal or scheduled message, attempted or not', () => {
    for (const s of ['delivered', 'failed', 'expired', 'cancelled', 'scheduled'] as const) {
      for (const r of REPORT_STATUSES) expect(decideReport(s, r, attempted).action).toBe('ignore');
    }
  });
});
