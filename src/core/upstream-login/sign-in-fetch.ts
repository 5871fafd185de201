import type { FetchLike } from '@modelcontextprotocol/client';
import { createBoundedFetch, METADATA_MAX_BYTES } from '../http/bounded-fetch.js';

/** Time for one request to an authorization server or a server's metadata, body included. */
export const UPSTREAM_LOGIN_FETCH_TIMEOUT_MS = 15_000;

/**
 * The HTTP client of every sign-in request (discovery, registration, token,
 * refresh, revocation), bounded to {@link METADATA_MAX_BYTES} and
 * {@link UPSTREAM_LOGIN_FETCH_TIMEOUT_MS}: a huge or endless answer from an
 * authorization server cannot hurt the process. Never used for the MCP
 * traffic itself (streams may be long and large).
 */
export function createSignInFetch(underlying?: typeof fetch): FetchLike {
  return createBoundedFetch({ maxBytes: METADATA_MAX_BYTES, timeoutMs: UPSTREAM_LOGIN_FETCH_TIMEOUT_MS, ...(underlying ? { fetch: underlying } : {}) }) as FetchLike;
}
