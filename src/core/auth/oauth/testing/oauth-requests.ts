/** Helpers shared by the oauth tests (not used by production code). */
import { HttpError } from '../../../http/http-error.js';
import type { AuthRequest } from '../../types.js';

export const RESOURCE = 'http://127.0.0.1:8000/mcp';
export const RESOURCE_METADATA_URL = 'http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp';

/** A request to `/mcp` carrying `token` as a bearer token, if given. */
export function mcpRequest(token?: string, init: { query?: string; authorization?: string } = {}): AuthRequest {
  const headers = new Headers();
  const authorization = init.authorization ?? (token === undefined ? undefined : `Bearer ${token}`);
  if (authorization !== undefined) headers.set('authorization', authorization);
  return { headers, url: new URL(`${RESOURCE}${init.query ?? ''}`), remoteAddress: '127.0.0.1' };
}

/** The `HttpError` a promise rejects with; fails when it resolves or throws anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected, but it was accepted');
}

export const nowSec = (): number => Math.floor(Date.now() / 1000);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
