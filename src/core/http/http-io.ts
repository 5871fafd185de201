import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.js';

/** Largest request body accepted (4 MiB, the MCP SDK's default); larger bodies get 413. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Reads the whole body, refusing more than `limit` bytes with a 413 before
 * buffering it all. On refusal the rest is left unread (not a reset), so the
 * caller can answer first and then drain a bounded amount.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(bodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stop();
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    const onClose = (): void => onError(new Error('the client went away before sending the whole body'));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('close', onClose);
  });
}

function bodyTooLarge(limit: number): HttpError {
  return new HttpError(413, 'BODY_TOO_LARGE', `Request body is larger than ${limit} bytes`, { Connection: 'close' });
}

/** Sends a JSON body with the given status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * Sends a JSON-RPC answer's text as the MCP SDK's transport sends a plain JSON one:
 * 200, `Content-Type: application/json` (no charset), no other header.
 */
export function sendJsonRpcAnswer(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/** Sends plain text (Prometheus exposition, errors for humans). */
export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * Writes a web-standard `Response` (what the MCP SDK produces) to a Node
 * response. What the body yields before the event loop turns leaves in one
 * write: a JSON answer, or an SSE answer that is already complete, goes out
 * whole with its length; so does one that completes within a short hold
 * before anything was sent; a longer SSE stream goes out burst by burst, with
 * back-pressure, and is cancelled when the client goes away. With `watchFor`,
 * the body is searched for those byte strings (a native search, no copy):
 * the answer is the index of the first one seen, or -1.
 */
export async function sendWebResponse(res: ServerResponse, response: Response, watchFor?: readonly Buffer[]): Promise<number> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // Hop-by-hop headers belong to this connection, which Node manages (keep-alive, `Connection: close`).
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  if (response.body === null) {
    res.writeHead(response.status, headers);
    res.end();
    return -1;
  }
  const reader = response.body.getReader();
  const cancel = (): void => void reader.cancel().catch(() => undefined);
  res.once('close', cancel);
  const search = new BodySearch(watchFor);
  try {
    let burst: Uint8Array[] = [];
    let next = reader.read();
    let held = false;
    for (;;) {
      // Gather what the stream yields before the event loop turns.
      const turn = nextTurn();
      let result = await Promise.race([next, turn]);
      while (result !== QUIET && !result.done) {
        burst.push(search.scan(result.value));
        next = reader.read();
        result = await Promise.race([next, turn]);
      }
      if (result === QUIET && !res.headersSent && !held) {
        // Nothing sent yet: the answer (a tool waiting on an upstream) mostly comes within the hold, and then leaves whole.
        held = true;
        result = await withinHold(next);
        if (result !== QUIET && !result.done) {
          burst.push(search.scan(result.value));
          next = reader.read();
          continue;
        }
      }
      if (result !== QUIET) {
        if (!res.headersSent) headers['content-length'] = String(byteLength(burst));
        if (!res.headersSent) res.writeHead(response.status, headers);
        res.end(joined(burst));
        return search.found;
      }
      // The stream went quiet (a GET stream, a slow tool): send what there is, at least the headers, and wait.
      if (!res.headersSent) res.writeHead(response.status, headers);
      if (burst.length === 0) res.flushHeaders();
      else if (!res.write(joined(burst))) await waitForDrain(res);
      burst = [];
      const quietEnd = await next;
      if (quietEnd.done) {
        res.end();
        return search.found;
      }
      burst.push(search.scan(quietEnd.value));
      next = reader.read();
    }
  } catch {
    res.destroy();
    return search.found;
  } finally {
    res.off('close', cancel);
  }
}

const QUIET = Symbol('quiet');

/**
 * How long a response that has sent nothing yet may stay quiet before its
 * headers (and the SSE priming event) go out. A tool waiting on I/O (an
 * upstream's answer) mostly answers within it, and its answer then leaves in
 * one write with its length, not as headers first and the answer in a second
 * write (twice the syscalls and the client's wake-ups: about 0.2 ms of a
 * gateway tools/call). A stream quiet for longer (a GET stream, a slow tool)
 * gets its headers after this.
 */
const START_HOLD_MS = 50;

/** Resolves once the event loop has run what is already queued (I/O callbacks included). */
function nextTurn(): Promise<typeof QUIET> {
  return new Promise((resolve) => setImmediate(resolve, QUIET));
}

/** `next`, or QUIET when it has not come within the start hold. */
async function withinHold<T>(next: Promise<T>): Promise<T | typeof QUIET> {
  let timer: NodeJS.Timeout | undefined;
  const hold = new Promise<typeof QUIET>((resolve) => (timer = setTimeout(resolve, START_HOLD_MS, QUIET)));
  try {
    return await Promise.race([next, hold]);
  } finally {
    clearTimeout(timer);
  }
}

function byteLength(chunks: readonly Uint8Array[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  return total;
}

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Which of `needles` a body holds (the first one seen), chunk by chunk. */
class BodySearch {
  found = -1;
  constructor(private readonly needles: readonly Buffer[] | undefined) {}

  scan(chunk: Uint8Array): Uint8Array {
    if (this.needles !== undefined && this.found === -1) this.found = firstFound(chunk, this.needles);
    return chunk;
  }
}

function firstFound(chunk: Uint8Array, needles: readonly Buffer[]): number {
  const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  for (let i = 0; i < needles.length; i++) if (bytes.indexOf(needles[i]!) !== -1) return i;
  return -1;
}

/** RFC 9110 §7.6.1: headers that describe one connection, never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
