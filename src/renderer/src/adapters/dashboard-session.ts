/**
 * How the dashboard page authenticates. `serve --dashboard` prints a link
 * whose fragment carries the run's token (`/#token=…`): browsers never send a
 * fragment to the server nor put it in `Referer`. The page reads it, removes it
 * from the address bar and history, and exchanges it once for an `HttpOnly`
 * session cookie that every later call and the event stream carry. The server
 * accepts one exchange per run (`DASHBOARD_TOKEN_USED` after that), so a
 * reload works through the cookie and the printed link works once.
 */
import { fail, type Result } from '../../../shared/result.js';
import { DASHBOARD_ROUTES, DASHBOARD_TOKEN_PARAM } from '../../../shared/dashboard-routes.js';
import { resultFromResponse } from './http-backend.js';

/** The token in a location hash (`#token=…`), or undefined. */
export function tokenFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get(DASHBOARD_TOKEN_PARAM)?.trim();
  return token ? token : undefined;
}

/** Trades the token for the session cookie (set by the server's answer). */
export async function exchangeDashboardToken(
  token: string,
  doFetch: typeof fetch = (input, init) => fetch(input, init),
  baseUrl = '',
): Promise<Result<null>> {
  try {
    const response = await doFetch(`${baseUrl}${DASHBOARD_ROUTES.session}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    return resultFromResponse<null>(response.status, await response.text());
  } catch (error) {
    return fail('DASHBOARD_UNREACHABLE', `The dashboard server did not answer: ${(error as Error).message}`);
  }
}
