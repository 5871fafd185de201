/**
 * Sign-in to remote MCP servers (the MCP authorization spec, client side):
 * the contract between the sign-in machinery (this folder), the gateway that
 * calls remote servers with the tokens, and the hosts (CLI `servers login`,
 * the UI's Logins view, the tray). Tokens live in the OS keychain only; none
 * of these types ever carries one.
 */
import type { OAuthClientProvider } from '@modelcontextprotocol/client';
import type { UpstreamSignInView } from '../../shared/gateway-types.js';
import type { ServerSignInStep } from '../../shared/logins-types.js';
import type { HttpUpstream } from '../gateway/upstream-spec.js';

/** One step of a sign-in as it runs (plain data, no secret). */
export type UpstreamSignInEvent =
  | { readonly step: Exclude<ServerSignInStep, 'idle' | 'waiting-for-browser' | 'failed'> }
  /** The browser was asked to open `url`; show it too, in case it did not open. */
  | { readonly step: 'waiting-for-browser'; readonly url: string }
  | { readonly step: 'failed'; readonly code: string; readonly message: string };

export interface UpstreamSignInOptions {
  /** Shows the authorization URL: the system browser (`BROWSER` honoured) in the CLI, `shell.openExternal` in the app. */
  readonly openUrl: (url: string) => void | Promise<void>;
  /** Aborting cancels the sign-in; the loopback listener closes at once. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: UpstreamSignInEvent) => void;
  /** Extra scope to ask for on top of the usual (step-up after a 403 `insufficient_scope`). */
  readonly scope?: string;
  /** How long to wait for the browser's callback; default 5 minutes. */
  readonly timeoutMs?: number;
}

/** What a sign-out found and did (no secret). */
export interface UpstreamSignOutOutcome {
  /** Whether anything was held for the server: tokens (even damaged ones) in the keychain, or an entry in the index. */
  readonly found: boolean;
  /**
   * What became of the tokens at the authorization server; absent when no
   * readable tokens were held. `not-offered`: it has no revocation endpoint;
   * `failed`: it did not revoke them all (refused, unreachable, no answer in time).
   */
  readonly revocation?: 'revoked' | 'not-offered' | 'failed';
}

/**
 * Everything the toolkit does about remote servers' sign-ins. One per process,
 * over the keychain; a sign-in made by another process (`mcp-toolkit servers
 * login` while `serve` runs) is seen through `onChange`.
 */
export interface UpstreamLogins {
  /**
   * The SDK provider for the transport of `spec`: tokens from the keychain,
   * refreshed before expiry and on a 401 by the SDK, stored back. It never
   * opens a browser: where the SDK would redirect the user it throws an
   * {@link UpstreamNeedsSignInError}, and the upstream goes `needs-sign-in`.
   */
  providerFor(spec: HttpUpstream): OAuthClientProvider;
  /** Runs the whole flow (discover, register, browser, exchange) and stores the tokens. */
  signIn(spec: HttpUpstream, options: UpstreamSignInOptions): Promise<UpstreamSignInView>;
  /**
   * Revokes the tokens where the server supports RFC 7009 (best effort,
   * bounded: a failure or an unreachable server is logged, never thrown),
   * then deletes them (and nothing else) from the keychain and the index.
   * Idempotent; it throws only when the keychain or the index cannot be changed.
   */
  signOut(spec: HttpUpstream): Promise<UpstreamSignOutOutcome>;
  /** What is held for the server named `name`, or undefined when nothing is. */
  view(name: string): Promise<UpstreamSignInView | undefined>;
  /** A server's sign-in changed, in this process or another. */
  onChange(listener: (name: string) => void): () => void;
}

/** Thrown (by the provider, through the SDK transport) when the user must sign in; `reason` is in the user's words. */
export class UpstreamNeedsSignInError extends Error {
  readonly code = 'UPSTREAM_NEEDS_SIGN_IN';
  constructor(
    readonly server: string,
    readonly reason: string,
  ) {
    super(`\`${server}\` needs you to sign in (${reason}): sign in from the tray, or run \`mcp-toolkit servers login ${server}\``);
    this.name = 'UpstreamNeedsSignInError';
  }
}
