/**
 * Outgoing HTTP with a ceiling on time and size. Every request this process
 * makes to another server (OAuth discovery, JWKS, token endpoint) goes through
 * here, so a peer that answers slowly, never finishes, or sends gigabytes
 * costs at most `timeoutMs` and `maxBytes`, never the whole process.
 */

/** Metadata documents, key sets and token responses are a few KB; 1 MiB is generous. */
export const METADATA_MAX_BYTES = 1024 * 1024;

export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';
export const RESPONSE_TIMEOUT = 'RESPONSE_TIMEOUT';
export type BoundedFetchErrorCode = typeof RESPONSE_TOO_LARGE | typeof RESPONSE_TIMEOUT;

/** A response broke a limit; the message names the URL and the limit. */
export class BoundedFetchError extends Error {
  override readonly name = 'BoundedFetchError';

  constructor(
    readonly code: BoundedFetchErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface FetchLimits {
  /** Largest body accepted, in bytes (after content decoding). */
  readonly maxBytes: number;
  /** Time for the whole exchange, headers and body, in ms. */
  readonly timeoutMs: number;
  /** The HTTP client underneath. Default: global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** Statuses whose `Response` must be built without a body (Fetch standard). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** `1 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function tooLarge(url: string, maxBytes: number): BoundedFetchError {
  return new BoundedFetchError(RESPONSE_TOO_LARGE, `response from ${url} is larger than the ${formatBytes(maxBytes)} limit`);
}

/**
 * Reads `response`'s body, refusing it once it passes `maxBytes`: first by its
 * `Content-Length`, then by counting the bytes as they stream in. The stream
 * is cancelled on refusal, which closes the connection, so the rest of the
 * body is never downloaded.
 */
export async function readBodyWithin(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * `fetch`, but the response comes back fully read, at most `maxBytes` long,
 * within `timeoutMs` for headers and body together; otherwise it throws a
 * `BoundedFetchError` (`RESPONSE_TOO_LARGE`, `RESPONSE_TIMEOUT`). The caller's
 * own `init.signal` still aborts it, with the caller's reason. The returned
 * `Response` holds the bytes read, so `.json()` and `.text()` work as usual.
 */
export async function boundedFetch(input: URL | string, init: RequestInit, limits: FetchLimits): Promise<Response> {
  const url = String(input);
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    const response = await (limits.fetch ?? fetch)(input, { ...init, signal });
    const body = await readBodyWithin(response, url, limits.maxBytes);
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch (error) {
    if (timeout.aborted && !init.signal?.aborted) {
      throw new BoundedFetchError(RESPONSE_TIMEOUT, `${url} did not answer in full within ${limits.timeoutMs} ms`, { cause: error });
    }
    throw error;
  }
}

/** `boundedFetch` with fixed limits, shaped like `fetch` (e.g. for openid-client's `customFetch`). */
export function createBoundedFetch(limits: FetchLimits): (input: URL | string, init: RequestInit) => Promise<Response> {
  return (input, init) => boundedFetch(input, init, limits);
}
