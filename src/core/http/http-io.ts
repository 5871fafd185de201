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
 * response, streaming SSE bodies with back-pressure and cancelling the stream
 * when the client goes away. With `watchFor`, each chunk is searched for those
 * byte strings (a native search, no copy): the answer is the index of the
 * first one seen, or -1.
 */
export async function sendWebResponse(res: ServerResponse, response: Response, watchFor?: readonly Buffer[]): Promise<number> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // Hop-by-hop headers belong to this connection, which Node manages (keep-alive, `Connection: close`).
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return -1;
  }
  // Send the headers now: an SSE stream may stay quiet for a long time.
  res.flushHeaders();
  const reader = response.body.getReader();
  const cancel = (): void => void reader.cancel().catch(() => undefined);
  res.once('close', cancel);
  let seen = -1;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (watchFor !== undefined && seen === -1) seen = firstFound(value, watchFor);
      if (!res.write(value)) await waitForDrain(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', cancel);
  }
  return seen;
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
