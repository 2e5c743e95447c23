import { Agent, request } from 'undici';

/** Receiver bodies are only echoed back for debugging; anything longer is cut. */
const MAX_BODY = 64 * 1024;

/** Outgoing HTTP of one sandbox (reports and inbound messages). */
export interface Outbound {
  /** POSTs `body`; rejects on network errors, timeouts and cancellation, never on HTTP status. */
  post(url: string, contentType: string, body: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/**
 * Creates the client. Its own Agent (not undici's global one) so closing a sandbox tears down
 * its keep-alive sockets and in-flight calls without touching other users of undici.
 */
export function createOutbound(timeoutMs: number, signal: AbortSignal): Outbound {
  const agent = new Agent({
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  return {
    async post(url, contentType, body) {
      // A total deadline on top of the phase timeouts: a receiver that trickles bytes still ends.
      const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': contentType, 'user-agent': 'smsgw-sandbox' },
        body,
        dispatcher: agent,
        signal: deadline,
      });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        chunks.push(buf);
        size += buf.length;
        if (size >= MAX_BODY) {
          res.body.destroy();
          break;
        }
      }
      const text = Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
      return { status: res.statusCode, body: text };
    },
    async close() {
      await agent.destroy();
    },
  };
}
