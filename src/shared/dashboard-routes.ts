/**
 * The contract's HTTP transport: the browser dashboard's routes, as the IPC
 * channels are for the Electron transport (`callChannel`, `eventChannel`).
 * The browser adapter, the dashboard server and the test client all derive
 * their paths from here, so a route is written once.
 *
 * - `POST <session>` trades the run's token for the session cookie;
 *   `DELETE <session>` ends the cookie's session;
 * - `POST <callPath(name)>` runs one call, JSON request in, JSON `Result` out;
 * - `GET <events>` streams the push events (server-sent events).
 */
import type { CallName } from './contract.js';

const CALL_PREFIX = '/api/call/';

export const DASHBOARD_ROUTES = {
  session: '/api/session',
  events: '/api/events',
  callPrefix: CALL_PREFIX,
} as const;

/** The name in the link's fragment that carries the run's token (`/#token=…`). */
export const DASHBOARD_TOKEN_PARAM = 'token';

/** The path of one call (`/api/call/server.start`); call names need no escaping. */
export function callPath<K extends CallName>(name: K): `${typeof CALL_PREFIX}${K}` {
  return `${CALL_PREFIX}${name}`;
}

/**
 * The segment naming the call in a call path, as sent (still URL-encoded, not
 * yet checked against the contract), or undefined when `path` is not a call path.
 */
export function callNameFromPath(path: string): string | undefined {
  return path.startsWith(CALL_PREFIX) ? path.slice(CALL_PREFIX.length) : undefined;
}

/**
 * The link that opens the dashboard at `origin` (`http://127.0.0.1:PORT`) with
 * the run's token in its fragment, which browsers never send to a server.
 */
export function dashboardLink(origin: string, token: string): string {
  return `${origin}/#${DASHBOARD_TOKEN_PARAM}=${token}`;
}
