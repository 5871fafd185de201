import { SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';

/**
 * Why talking to the toolkit failed, in the terms the bridge acts on:
 * - `unreachable`: nothing answered at the URL (not running, wrong port); the message never arrived.
 * - `session-lost`: HTTP 404 on our session: the toolkit restarted or dropped it; the message was not handled.
 * - `refused`: any other HTTP error status (401 bad key, 429 rate limited, 413…): the toolkit is up and said no.
 * - `other`: anything else (a stream cut mid-answer, a malformed reply, a keychain failure).
 */
export type UpstreamFailure =
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'session-lost' }
  | { readonly kind: 'refused'; readonly status: number; readonly detail: string }
  | { readonly kind: 'other'; readonly detail: string };

/** Network error codes of a connection that never got an HTTP answer. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Raised when opening a session takes longer than allowed: treated as unreachable. */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  readonly code = 'BRIDGE_CONNECT_TIMEOUT';
}

export function classifyUpstreamError(error: unknown): UpstreamFailure {
  if (error instanceof ConnectTimeoutError) return { kind: 'unreachable', detail: error.message };
  if (error instanceof SdkHttpError) {
    const status = error.status;
    if (status === 404) return { kind: 'session-lost' };
    if (typeof status === 'number') return { kind: 'refused', status, detail: refusalDetail(error) };
  }
  const code = networkCode(error);
  if (code !== undefined) return { kind: 'unreachable', detail: code };
  return { kind: 'other', detail: bounded(error instanceof Error ? error.message : String(error)) };
}

/**
 * True for the SDK's report that the session's GET stream could not be reopened
 * because the session is gone (404): the toolkit restarted while idle.
 */
export function isLostSessionStream(error: unknown): boolean {
  return error instanceof SdkHttpError && error.code === SdkErrorCode.ClientHttpFailedToOpenStream && error.status === 404;
}

/** `fetch failed` (undici) carries the socket error as its cause. */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return 'fetch failed';
  return undefined;
}

/** The toolkit's own explanation (`{"error":{"code","message"}}` or a JSON-RPC error), never a header. */
function refusalDetail(error: SdkHttpError): string {
  const text = (error.data as { text?: unknown } | undefined)?.text;
  if (typeof text === 'string') {
    try {
      const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      const { code, message } = body.error ?? {};
      if (typeof message === 'string') return bounded(typeof code === 'string' ? `${code}: ${message}` : message);
    } catch {
      // not JSON: fall back to the status text
    }
  }
  return bounded(error.statusText ?? error.message);
}

function bounded(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
