/**
 * Streaming counters of client messages for the counting proxy. They never buffer a message
 * body (a 1,000-row INSERT is skipped byte by byte, not copied); only headers and RESP lines,
 * which are a few bytes, are accumulated across TCP chunks.
 */

export interface Counter {
  fromClient(chunk: Buffer): void;
  fromServer(chunk: Buffer): void;
  /** True once the stream could not be followed (TLS, garbage): counting stopped. */
  opaque(): boolean;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** PostgreSQL frontend messages, counted by type byte ('Q', 'P', 'B', 'E', 'S', ...). */
export function createPgCounter(counts: Record<string, number>): Counter {
  // Before the startup packet messages carry no type byte; after it, every one does.
  let phase: 'startup' | 'awaitReply' | 'typed' | 'opaque' = 'startup';
  let head = Buffer.alloc(0);
  let skip = 0;
  const bump = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  return {
    fromClient(chunk) {
      let i = 0;
      while (i < chunk.length && phase !== 'opaque') {
        if (skip > 0) {
          const take = Math.min(skip, chunk.length - i);
          skip -= take;
          i += take;
          continue;
        }
        const need = phase === 'typed' ? 5 : 8;
        const take = Math.min(need - head.length, chunk.length - i);
        head = Buffer.concat([head, chunk.subarray(i, i + take)]);
        i += take;
        if (head.length < need) return;
        if (phase === 'typed') {
          const len = head.readInt32BE(1);
          if (len < 4) phase = 'opaque';
          bump(String.fromCharCode(head[0] ?? 0));
          skip = len - 4;
        } else {
          const len = head.readInt32BE(0);
          const code = head.readInt32BE(4);
          if (len < 8) phase = 'opaque';
          else if (code === SSL_REQUEST || code === GSSENC_REQUEST) phase = 'awaitReply';
          else if (code === CANCEL_REQUEST) bump('cancel');
          else {
            bump('startup');
            phase = 'typed';
          }
          skip = Math.max(0, len - 8);
        }
        head = Buffer.alloc(0);
      }
    },
    fromServer(chunk) {
      // The answer to an SSL/GSS request is one byte: 'N' means plain startup follows.
      if (phase === 'awaitReply' && chunk.length > 0) phase = chunk[0] === 0x4e ? 'startup' : 'opaque';
    },
    opaque: () => phase === 'opaque',
  };
}

/** Top-level RESP commands, counted by lower-cased name (the first element of each array). */
export function createRespCounter(counts: Record<string, number>): Counter {
  let state: 'start' | 'arrayLine' | 'inline' | 'bulkLine' | 'bulkBody' | 'opaque' = 'start';
  let line = '';
  let args = 0;
  let argIndex = 0;
  let bodyLeft = 0;
  let nameLen = 0;
  let name = '';
  const done = (cmd: string) => {
    const k = cmd.toLowerCase() || '?';
    counts[k] = (counts[k] ?? 0) + 1;
  };
  return {
    fromClient(chunk) {
      let i = 0;
      while (i < chunk.length && state !== 'opaque') {
        if (state === 'start') {
          const b = chunk[i];
          if (b === 0x2a) {
            state = 'arrayLine';
            i++;
          } else if (b === 0x0d || b === 0x0a) i++;
          else state = 'inline';
          continue;
        }
        if (state === 'bulkBody') {
          const take = Math.min(bodyLeft, chunk.length - i);
          if (argIndex === 0 && name.length < nameLen) name += chunk.toString('latin1', i, i + Math.min(take, nameLen - name.length));
          bodyLeft -= take;
          i += take;
          if (bodyLeft > 0) continue;
          argIndex++;
          if (argIndex < args) state = 'bulkLine';
          else {
            done(name);
            state = 'start';
          }
          continue;
        }
        // A line: the array length, a bulk length, or an inline command.
        const nl = chunk.indexOf(0x0a, i);
        const end = nl === -1 ? chunk.length : nl;
        line += chunk.toString('latin1', i, end);
        if (nl === -1) return;
        i = nl + 1;
        const text = line.replace(/\r$/, '');
        line = '';
        if (state === 'inline') {
          done(text.trim().split(/\s+/)[0] ?? '');
          state = 'start';
        } else if (state === 'arrayLine') {
          args = Number.parseInt(text, 10);
          argIndex = 0;
          name = '';
          state = Number.isNaN(args) ? 'opaque' : args > 0 ? 'bulkLine' : 'start';
        } else {
          const len = text.startsWith('$') ? Number.parseInt(text.slice(1), 10) : Number.NaN;
          if (Number.isNaN(len) || len < 0) state = 'opaque';
          else {
            if (argIndex === 0) nameLen = Math.min(len, 64);
            bodyLeft = len + 2;
            state = 'bulkBody';
          }
        }
      }
    },
    fromServer() {},
    opaque: () => state === 'opaque',
  };
}
