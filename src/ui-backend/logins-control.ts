/**
 * What the UI controller needs to serve the `logins.*` calls for remote
 * servers (the toolkit's own sign-in stays with `signIn.*`/`session.*`). The
 * host injects the real one (`createUpstreamLoginsControl`, over the
 * keychain's sign-ins and the gateway's servers); until then
 * `createUnavailableLoginsControl` lists none and refuses to sign in.
 */
import type { Unsubscribe } from '../shared/contract.js';
import type { LoginView, ServerSignInProgress } from '../shared/logins-types.js';
import { ControllerError } from './controller-error.js';

export interface LoginsSignInOptions {
  /** The host's opener: `shell.openExternal` in the app, the system browser (`BROWSER` honoured) for the dashboard. */
  readonly openUrl: (url: string) => void | Promise<void>;
  /** Extra scope to ask for (step-up after a 403 `insufficient_scope`). */
  readonly scope?: string;
}

/**
 * One row per remote server that uses OAuth or needs a sign-in, and its
 * sign-in: one at a time per server, cancellable. Nothing here returns or
 * logs a token. Failures reject with an error carrying a string `code`.
 */
export interface LoginsControl {
  /** The servers' rows, in the order of the settings. */
  list(): Promise<readonly LoginView[]>;
  /** Where the sign-in of `server` is (`idle` when none ran). */
  progress(server: string): ServerSignInProgress;
  /** Starts a sign-in and answers at once with its first step; refuses a second one for the same server while one runs. */
  signIn(server: string, options: LoginsSignInOptions): ServerSignInProgress;
  /** Cancels the running sign-in of `server`, if any (its loopback listener closes at once). */
  cancel(server: string): ServerSignInProgress;
  /** Revokes (where supported) and deletes the server's tokens. */
  signOut(server: string): Promise<void>;
  /** Something in the list may have changed (a sign-in, a refresh that failed, a server added or removed). */
  onChange(listener: () => void): Unsubscribe;
  /** Every step of every sign-in. */
  onProgress(listener: (progress: ServerSignInProgress) => void): Unsubscribe;
  /** Cancels every sign-in and resolves once they have ended. */
  close(): Promise<void>;
}

export const LOGINS_UNAVAILABLE = 'LOGINS_UNAVAILABLE';

/** Until the host wires the real one: no server rows, and signing in or out says why it cannot. */
export function createUnavailableLoginsControl(): LoginsControl {
  const unavailable = (): never => {
    throw new ControllerError(LOGINS_UNAVAILABLE, 'Signing in to remote servers is not available here.');
  };
  return {
    list: async () => [],
    progress: (server) => ({ server, step: 'idle' }),
    signIn: unavailable,
    cancel: (server) => ({ server, step: 'idle' }),
    signOut: async () => unavailable(),
    onChange: () => () => {},
    onProgress: () => () => {},
    close: async () => {},
  };
}
