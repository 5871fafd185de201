import type { IncomingMessage } from 'node:http';
import { HttpError } from '../core/http/http-error.js';
import { readBody } from '../core/http/http-io.js';

/** Time a dashboard request body has to arrive in full (its bodies are a few hundred bytes). */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * Reads a body of at most `limit` bytes that must arrive in full within
 * `timeoutMs` of the call: 413 beyond the size, 408 past the deadline. Both
 * answers carry `Connection: close`, so a slow or endless sender keeps neither
 * its socket nor the bytes it sent.
 */
export async function readBodyWithin(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HttpError(408, 'REQUEST_TIMEOUT', `The request body did not arrive within ${timeoutMs} ms.`, { Connection: 'close' })),
      timeoutMs,
    );
  });
  const reading = readBody(req, limit);
  // Past the deadline the read may still fail (the socket closes): that outcome is no longer anyone's.
  reading.catch(() => undefined);
  try {
    return await Promise.race([reading, late]);
  } finally {
    clearTimeout(timer);
  }
}
