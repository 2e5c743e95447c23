import type { IncomingHttpHeaders } from 'node:http';
import type { DlrPayload, RecordedReport, RecordedRequest } from './types.js';

/** The sandbox's memory of what it received and what it sent: the oracle tests compare against. */
export interface Recorder {
  /** Records a send request as received; the returned object is updated as it is answered. */
  addRequest(entry: Pick<RecordedRequest, 'method' | 'path' | 'headers' | 'params' | 'to'>): RecordedRequest;
  addReport(entry: {
    url: string;
    attempt: number;
    payload: DlrPayload;
    responseStatus: number | null;
    error: string | null;
  }): RecordedReport;
  /** Requests in arrival order; `to` (with or without `+`) filters by recipient. */
  requests(to?: string): RecordedRequest[];
  reports(): RecordedReport[];
  clearRequests(): void;
  clearReports(): void;
}

/** Copies headers as strings, hiding the credential so records can be logged and shown. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Creates a recorder holding at most `max` entries of each kind. The cap exists for benchmarks,
 * which send far more than any test inspects; the oldest entries go first.
 */
export function createRecorder(max: number): Recorder {
  let requests: RecordedRequest[] = [];
  let reports: RecordedReport[] = [];
  let seq = 0;
  // Trimming in batches keeps a push O(1) amortized once the cap is reached.
  const slack = Math.max(1, Math.ceil(max / 10));
  const trim = <T>(list: T[]): T[] => (list.length >= max + slack ? list.slice(list.length - max) : list);
  const last = <T>(list: T[]): T[] => (list.length > max ? list.slice(list.length - max) : list);

  return {
    addRequest(entry) {
      seq += 1;
      const rec: RecordedRequest = {
        seq,
        time: new Date().toISOString(),
        ...entry,
        status: null,
        outcome: 'pending',
        id: null,
        errorCode: null,
      };
      requests.push(rec);
      requests = trim(requests);
      return rec;
    },
    addReport(entry) {
      seq += 1;
      const rec: RecordedReport = { seq, time: new Date().toISOString(), ...entry };
      reports.push(rec);
      reports = trim(reports);
      return rec;
    },
    requests(to) {
      // Copies, so a caller's later mutation cannot rewrite the oracle.
      const key = to?.replace(/^\+/, '');
      const list = key === undefined || key === '' ? last(requests) : last(requests).filter((r) => r.to === key || r.params.to === to);
      return list.map((r) => ({ ...r, headers: { ...r.headers }, params: { ...r.params } }));
    },
    reports: () => last(reports).map((r) => ({ ...r, payload: { ...r.payload } })),
    clearRequests() {
      requests = [];
    },
    clearReports() {
      reports = [];
    },
  };
}
