/**
 * The gateway: MCP servers the user already runs, supervised by the toolkit
 * and served behind its auth, limits and Activity. Settings (kept in
 * `settings.json`, never a secret) and the views the CLI and UI show.
 */

/** An upstream's name: lower-case letters, digits and `-`, starting with a letter or digit, at most 32. */
export const UPSTREAM_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Default time a tool call may take upstream before it ends with a tool error. */
export const DEFAULT_UPSTREAM_CALL_TIMEOUT_MS = 120_000;

interface UpstreamCommon {
  /** Unique; prefixes its tools (`NAME__tool`). */
  name: string;
  /** Disabled upstreams are kept but not started. */
  enabled: boolean;
  /**
   * Names of the secrets kept for this upstream in the OS keychain (account
   * `server:<name>:<KEY>`): the values are never here. Stdio upstreams get each
   * as an environment variable of that name; remote ones use them in header
   * values as `${secret:KEY}`.
   */
  secrets: string[];
  /** Tools switched off by the user (upstream names, not served names). */
  disabledTools: string[];
  /** Per-call timeout in milliseconds (default 120 s). */
  callTimeoutMs?: number;
}

/** A server the toolkit starts as a child process and talks to over stdio. */
export interface StdioUpstreamSettings extends UpstreamCommon {
  kind: 'stdio';
  command: string;
  args: string[];
  /** Non-secret environment variables; secret-looking ones are refused (use `secrets`). */
  env: Record<string, string>;
  cwd?: string;
}

/**
 * How the toolkit signs in to an OAuth-protected remote server (the MCP
 * authorization spec, client side). Everything is optional: OAuth is detected
 * from the server's first 401, and the client is registered dynamically when
 * the user gave no client ID.
 */
export interface HttpUpstreamAuthSettings {
  /** A client ID the user registered with the authorization server. Its secret, if any, is a keychain secret of the server. */
  clientId?: string;
  /** A Client ID Metadata Document URL, used when the authorization server supports them and no `clientId` is set. */
  clientMetadataUrl?: string;
  /** Scopes to ask for (space-separated); by default those the server names in its 401 or its resource metadata. */
  scope?: string;
  /**
   * The authorization server's issuer URL: a sign-in to this server goes
   * there only, whatever the server's metadata names. Required with a client
   * secret, which is sent to no other authorization server.
   */
  issuer?: string;
}

/** A remote server reached over Streamable HTTP. */
export interface HttpUpstreamSettings extends UpstreamCommon {
  kind: 'http';
  url: string;
  /** Static headers; a secret goes in as `${secret:KEY}` (e.g. `Authorization: Bearer ${secret:TOKEN}`). */
  headers: Record<string, string>;
  /** OAuth sign-in settings; absent means "detect on first contact, register dynamically". */
  auth?: HttpUpstreamAuthSettings;
}

export type UpstreamSettings = StdioUpstreamSettings | HttpUpstreamSettings;

/**
 * Where an upstream is in its life. `needs-sign-in`: a remote server asked
 * for OAuth and the toolkit holds no usable token for it (never signed in, or
 * its refresh failed); it waits for the user to sign in, without retrying.
 */
export type UpstreamState = 'starting' | 'running' | 'crashed' | 'disabled' | 'stopped' | 'needs-sign-in';

/** One tool of an upstream as the CLI and UI list it. */
export interface UpstreamToolView {
  /** The upstream's own name for it. */
  readonly name: string;
  /** The name agents call it by (`NAME__tool`, or an escaped form). */
  readonly served: string;
  readonly description?: string;
  /** Switched on by the user. */
  readonly enabled: boolean;
  /** Its definition changed (or it is new) since it was approved: withheld until approved. */
  readonly needsApproval: boolean;
}

/** A definition change waiting for approval, with what was approved before (absent for a new tool). */
export interface PendingToolChange {
  readonly name: string;
  readonly before?: unknown;
  readonly after: unknown;
}

/** One upstream as the CLI (`servers list --json`), the tray and the UI show it. No secret values. */
export interface UpstreamView {
  readonly name: string;
  readonly kind: 'stdio' | 'http';
  readonly enabled: boolean;
  readonly state: UpstreamState;
  /** `needs approval` is shown on top of `running` when some tool changed. */
  readonly needsApproval: boolean;
  /** The command line or URL, shown before it runs (secret values never appear). */
  readonly target: string;
  readonly tools: readonly UpstreamToolView[];
  readonly pending: readonly PendingToolChange[];
  /** Names of the secrets set (values never). */
  readonly secrets: readonly string[];
  /** Why it is not running, in the user's words. */
  readonly lastError?: string;
  /** When a crashed upstream is tried again (ms since the epoch). */
  readonly retryAt?: number;
  /** Last lines of its error output. */
  readonly recentErrorOutput: readonly string[];
  /** A remote server's OAuth sign-in, when it uses one (no token ever appears here). */
  readonly signIn?: UpstreamSignInView;
}

/** What the toolkit holds of a remote server's sign-in: facts about the tokens, never the tokens. */
export interface UpstreamSignInView {
  readonly state: 'signed-in' | 'needs-sign-in';
  /** Why a sign-in is needed, in the user's words ("the refresh token was revoked", "never signed in"). */
  readonly reason?: string;
  /** The authorization server (issuer URL). */
  readonly issuer?: string;
  /** The account, when the server says (`sub`, or a name from the ID token). */
  readonly subject?: string;
  readonly scopes: readonly string[];
  /** When the access token expires (ms since the epoch); it is refreshed before then. */
  readonly expiresAt?: number;
  /** The extra scope the server asked for (403 `insufficient_scope`): pass it to the sign-in (`signIn(spec, { scope })`). */
  readonly wantedScope?: string;
}
