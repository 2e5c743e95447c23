import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { deadlineError, errorResult, flattenHeaders, type HttpResult } from './http-types.js';

/**
 * One attempt of one request on a shared dispatcher (a kept-alive pool or a one-shot client),
 * with its own handler, so that "was this request written?" is known per request and not per
 * socket. undici calls `onRequestStart` (the legacy `onConnect`) from client-h1's `writeH1` right
 * before the request's first byte goes to the socket; a request still queued in the pool, waiting
 * for a connect, failing in it, or dropped because its idle socket was found closed never gets
 * there. So: an error before `onRequestStart` is `written: false`, after it `written: true`.
 */

/** Why an attempt was cut short on our side; never reported, it only stops undici. */
class AbandonedError extends Error {
  override readonly name = 'AbandonedError';
}

class Exchange implements Dispatcher.DispatchHandler {
  /** The request reached the write stage: from here on its bytes may be on the wire. */
  private started = false;
  private settled = false;
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly cap: number,
    private readonly settle: (result: HttpResult) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, _context: unknown): void {
    if (this.settled) {
      // The deadline already reported this request as not written: it must stay unwritten.
      // Aborting here is checked by writeH1 before the first byte.
      controller.abort(new AbandonedError('request abandoned before it was written'));
      return;
    }
    this.started = true;
    this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    if (this.size + chunk.length > this.cap) {
      this.chunks.push(chunk.subarray(0, this.cap - this.size));
      this.size = this.cap;
      this.finish(true);
      // The rest is never read: aborting destroys the socket, which cannot be reused mid-body.
      controller.abort(new AbandonedError('response over the size cap'));
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  onResponseEnd(): void {
    if (this.settled) return;
    // undici frees a kept-alive socket for the pool one event-loop turn after the response
    // (client-h1 onMessageComplete: setImmediate(resume)). Settling after that lets the caller's
    // next request reuse this socket instead of opening another; settling before it, a
    // sequential caller would always find this socket busy.
    this.settled = true;
    setImmediate(() => setImmediate(() => this.deliver(false)));
  }

  // The controller is undefined when undici fails the request before onRequestStart.
  onResponseError(_controller: Dispatcher.DispatchController | undefined, err: Error): void {
    this.fail(err);
  }

  /** The total deadline passed. */
  expire(): void {
    const reason = deadlineError();
    const controller = this.controller;
    this.fail(reason);
    controller?.abort(new AbandonedError(reason.message));
  }

  fail(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(errorResult(this.started, err));
  }

  private finish(truncated: boolean): void {
    if (this.settled) return;
    this.settled = true;
    this.deliver(truncated);
  }

  private deliver(truncated: boolean): void {
    const body = Buffer.concat(this.chunks, this.size).toString('utf8');
    this.settle({ kind: 'response', status: this.status, headers: this.headers, body, truncated });
  }
}

/**
 * Dispatches `opts` on `dispatcher` and resolves with the response (body capped at `cap` bytes)
 * or an error whose `written` is exact for this request. Never rejects. When `deadline` aborts,
 * resolves with `deadline_exceeded` at once; a request still queued then is aborted when it
 * reaches the write stage, so it is never written later.
 */
export function dispatchOnce(
  dispatcher: Dispatcher,
  opts: Dispatcher.DispatchOptions,
  cap: number,
  deadline: AbortSignal,
): Promise<HttpResult> {
  return new Promise<HttpResult>((resolve) => {
    const onAbort = (): void => exchange.expire();
    const exchange = new Exchange(cap, (result) => {
      deadline.removeEventListener('abort', onAbort);
      resolve(result);
    });
    if (deadline.aborted) {
      exchange.expire();
      return;
    }
    deadline.addEventListener('abort', onAbort, { once: true });
    try {
      // A synchronous failure (bad header, closed dispatcher) is reported to onResponseError.
      dispatcher.dispatch(opts, exchange);
    } catch (err) {
      exchange.fail(err);
    }
  });
}
