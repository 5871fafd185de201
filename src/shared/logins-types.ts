/**
 * The Logins view: every sign-in the toolkit holds — its own (`mcp-toolkit
 * login`, the identity provider of `oauth` mode) and one per remote MCP server
 * — and the progress of a sign-in to a remote server. No token ever appears.
 */
import type { AppError } from './result.js';

export type LoginState = 'signed-in' | 'needs-sign-in' | 'signed-out';

export interface LoginView {
  /** `toolkit` for the toolkit's own sign-in, `server:NAME` for a remote server's. */
  readonly id: string;
  readonly kind: 'toolkit' | 'server';
  /** The remote server's name (kind `server`). */
  readonly server?: string;
  readonly state: LoginState;
  /** Why a sign-in is needed, in the user's words. */
  readonly reason?: string;
  readonly issuer?: string;
  /** The account (`sub` or a display name). */
  readonly subject?: string;
  readonly scopes: readonly string[];
  /** Access token expiry, ms since the epoch. */
  readonly expiresAt?: number;
}

/** The steps a sign-in to a remote server goes through, as the UI and the CLI show them. */
export type ServerSignInStep =
  | 'idle'
  | 'discovering'
  | 'registering'
  | 'waiting-for-browser'
  | 'exchanging'
  | 'done'
  | 'failed'
  | 'cancelled';

export interface ServerSignInProgress {
  readonly server: string;
  readonly step: ServerSignInStep;
  /** The report's place among the backend's reports (higher is newer); absent before the first. The UI keeps the newer (see `SignInProgress.seq`). */
  readonly seq?: number;
  /** The authorization URL while waiting for the browser, so the user can open it by hand. */
  readonly url?: string;
  /** Short human text for the step. */
  readonly message?: string;
  /** Set when `step` is `failed`. */
  readonly error?: AppError;
}
