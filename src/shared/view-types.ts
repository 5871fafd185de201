/**
 * The plain, JSON-serialisable data the UI shows. Everything here can cross
 * Electron IPC (structured clone) and HTTP/SSE (JSON) unchanged.
 */
import type { AuthMode, PinnedSettings, Settings } from './settings-types.js';
import type { AppError } from './result.js';

export type { AuthMode, PinnedSettings, Settings };

/** Optional fields may be sent as `null` (or `""`) to clear them. */
type Clearable<T> = { [K in keyof T]?: undefined extends T[K] ? T[K] | null : T[K] };

/** A partial settings object, nested one level for `oauth` and `rateLimit`. */
export type SettingsPatch = Clearable<Omit<Settings, 'oauth' | 'rateLimit'>> & {
  oauth?: Clearable<Settings['oauth']>;
  rateLimit?: Partial<Settings['rateLimit']>;
};

export const SERVER_STATES = ['stopped', 'starting', 'running', 'stopping', 'error'] as const;
export type ServerState = (typeof SERVER_STATES)[number];

export interface ServerStatus {
  readonly state: ServerState;
  /** Base URL while running, e.g. `http://127.0.0.1:8000`. */
  readonly url?: string;
  /** The MCP endpoint agents connect to, e.g. `http://127.0.0.1:8000/mcp`. */
  readonly mcpUrl?: string;
  /** Auth mode of the running server (or of the settings when stopped). */
  readonly auth: AuthMode;
  /** Why the last start failed (`PORT_IN_USE`, `CONFIG_INVALID`, `KEYCHAIN_UNAVAILABLE`…), when state is `error`. */
  readonly error?: AppError;
  /** Says that new settings restarted the server on a new host or port (other changes apply without a restart). */
  readonly notice?: string;
  /** In oauth mode while running: whether the issuer's signing keys can be had, so tokens can be checked at all. */
  readonly issuer?: IssuerHealth;
}

export const ISSUER_HEALTH_STATES = ['ok', 'unreachable', 'unknown'] as const;

/** Whether an oauth-mode server can check tokens: it needs the issuer's signing keys (JWKS). */
export interface IssuerHealth {
  /** `ok`: the last key fetch worked; `unreachable`: the last attempt failed; `unknown`: not tried yet. */
  readonly state: (typeof ISSUER_HEALTH_STATES)[number];
  /** Finding the JWKS URI in the issuer's metadata (RFC 8414); `not_needed` when a JWKS URI is set. */
  readonly discovery: 'ok' | 'failed' | 'unknown' | 'not_needed';
  /** Downloading the key set from the JWKS URI. */
  readonly jwks: 'ok' | 'failed' | 'unknown';
  /** The last failure, one line (`discovery failed: fetch failed (ECONNREFUSED)`); kept after a recovery. */
  readonly lastError?: string;
  /** When the keys were last fetched, epoch milliseconds; absent when never. */
  readonly lastKeyFetchAt?: number;
}

export interface ApiKeyStatus {
  /** `env` when `MCP_API_KEY` overrides the keychain; `none` when no key is available. */
  readonly source: 'keychain' | 'env' | 'none';
  /** A masked form safe to show (`••••••••3f9a`), or null when there is no key. */
  readonly masked: string | null;
  /** Why no key is available (e.g. `KEYCHAIN_UNAVAILABLE`). */
  readonly error?: AppError;
}

/** One rejected request, as the Activity table shows it. */
export interface RejectionView {
  /** Epoch milliseconds. */
  readonly time: number;
  /** HTTP status answered (401, 403, 429…). */
  readonly status: number;
  /** Masked client label (`key:3f9a…`, `ip:127.0.0.1`); never a secret. */
  readonly client: string;
  readonly path: string;
  /** The rejection code, e.g. `AUTH_INVALID_KEY`, `RATE_LIMITED`. */
  readonly reason: string;
}

/** Answers counted in one time bucket of the Activity chart. */
export interface ActivityPoint {
  /** Start of the bucket, epoch milliseconds. */
  readonly time: number;
  /** Answers below 400. */
  readonly succeeded: number;
  readonly unauthorized: number;
  readonly forbidden: number;
  readonly rateLimited: number;
}

/** Rejections of one kind (one status): the total and the count per reason code; the core's metrics use it too. */
export interface RejectionCounts {
  readonly total: number;
  /** Count per reason code (`AUTH_INVALID_KEY`, `RATE_LIMITED`…). */
  readonly byReason: Readonly<Record<string, number>>;
}

/** Calls agents made to one upstream tool since counting started. */
export interface UpstreamCallCount {
  /** The upstream's name (`github`). */
  readonly server: string;
  /** The upstream's own tool name (`search_repos`, not the served `github__search_repos`). */
  readonly tool: string;
  /** Calls answered without `isError`. */
  readonly ok: number;
  /** Every other outcome: tool errors, failures, timeouts, cancellations, upstream not running. */
  readonly errors: number;
  readonly total: number;
  /** Count per outcome seen (`ok`, `tool_error`, `error`, `timeout`, `cancelled`, `unavailable`). */
  readonly byOutcome: Readonly<Record<string, number>>;
}

/** Mean duration of the calls that reached one upstream (all its tools). */
/** Requests one client made that were admitted. */
export interface ClientRequestCount {
  readonly client: string;
  readonly requests: number;
}

export interface UpstreamLatency {
  readonly server: string;
  /** Calls that reached the upstream (a call refused because it was not running is not timed). */
  readonly timedCalls: number;
  readonly meanLatencyMs: number;
}

/**
 * Everything the Activity section shows. Counts, chart and tables come whole
 * in each batch (they are bounded); the call log comes as the calls after
 * `callsAfter`: all kept calls in a snapshot, only the new ones in a batch.
 */
export interface ActivityView {
  readonly requests: number;
  /** Answers below 400. */
  readonly succeeded: number;
  readonly unauthorized: RejectionCounts;
  readonly forbidden: RejectionCounts;
  readonly rateLimited: RejectionCounts;
  /** Newest first, bounded. */
  readonly recent: readonly RejectionView[];
  /** Oldest first, the buckets of the last `windowMs` in which anything was counted (a missing bucket is zero). */
  readonly series: readonly ActivityPoint[];
  readonly bucketMs: number;
  readonly windowMs: number;
  /** Calls per upstream server and tool, most calls first, bounded. */
  readonly upstreamCalls: readonly UpstreamCallCount[];
  /** Mean call time per upstream server, by name. */
  readonly upstreamLatency: readonly UpstreamLatency[];
  /** Requests admitted per client (its API key's name, OAuth subject or address), most first. */
  readonly clientRequests: readonly ClientRequestCount[];
  /** Every kept call numbered above this one is in `calls` (0: all the server keeps). */
  readonly callsAfter: number;
  /** Calls, oldest first, numbered above `callsAfter`. */
  readonly calls: readonly CallView[];
}

/** Who is signed in through the PKCE sign-in; never carries a token. */
export interface SessionInfo {
  readonly subject: string;
  readonly issuer: string;
  /** Access token expiry, epoch milliseconds; null when unknown. */
  readonly expiresAt: number | null;
  readonly clientId?: string;
  /** The granted scopes, when the server said. */
  readonly scopes?: readonly string[];
}

export const SIGN_IN_PHASES = [
  'idle',
  'starting',
  'waiting_for_browser',
  'exchanging',
  'done',
  'failed',
  'cancelled',
] as const;
export type SignInPhase = (typeof SIGN_IN_PHASES)[number];

export interface SignInProgress {
  readonly phase: SignInPhase;
  /**
   * The report's place among the backend's reports (higher is newer); absent
   * before the first. A call's answer and a pushed event may reach the UI in
   * either order: the UI keeps the newer.
   */
  readonly seq?: number;
  /** Short human text for the phase. */
  readonly message?: string;
  /** Set when `phase` is `failed`. */
  readonly error?: AppError;
}

export const AGENT_CLIENTS = [
  'claude-code',
  'vscode',
  'cursor',
  'windsurf',
  'codex',
  'gemini',
  'claude-desktop',
] as const;
export type AgentClientId = (typeof AGENT_CLIENTS)[number];

export interface AgentSnippet {
  readonly client: AgentClientId;
  /** Display name, e.g. `Claude Code (.mcp.json)`. */
  readonly title: string;
  /** Stable id, unique within one list, e.g. `claude-code-command`. */
  readonly id: string;
  readonly language: 'json' | 'toml' | 'shell';
  /** Where the snippet goes, e.g. `.vscode/mcp.json`; absent for commands. */
  readonly file?: string;
  readonly content: string;
  /** What the user must do besides pasting (e.g. set an environment variable). */
  readonly note?: string;
}

export interface StartAtLoginStatus {
  readonly supported: boolean;
  readonly enabled: boolean;
}

/** How an agent runs this app as a stdio MCP server. */
export interface StdioCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** `process.platform` of the backend. */
  readonly platform: string;
  /** Which host serves the UI. */
  readonly host: 'desktop' | 'dashboard';
  readonly stdio: StdioCommand;
  /** Settings a flag or an `MCP_*` variable sets for this run: shown, not editable (`{ port: 'MCP_PORT' }`). */
  readonly pinned: PinnedSettings;
}

/** How a `tools/call` ended, read from its answer: a result, a result with `isError`, or a JSON-RPC error. */
export type ToolCallOutcome = 'ok' | 'tool_error' | 'rpc_error';

/** One request the server answered, as the Activity call log shows it. */
export interface CallView {
  /** Increases by one per recorded call (never reused, even across a reset): batches carry only newer ones. */
  readonly seq: number;
  /** When the answer ended, epoch milliseconds. */
  readonly time: number;
  /** The API key's name, the OAuth subject, or the masked address when refused before auth; never a secret. */
  readonly client: string;
  /** HTTP method (`POST`, `GET`…). */
  readonly httpMethod: string;
  /** Request path without the query. */
  readonly path: string;
  /** JSON-RPC method of a `/mcp` post (`tools/call`), `batch` for a batch; null otherwise. */
  readonly method: string | null;
  /** Tool name of a `tools/call` as the agent called it (`github__search_repos`). */
  readonly tool: string | null;
  /** The upstream server a gateway tool leads to (`github`); null for built-in tools. */
  readonly server: string | null;
  /** HTTP status answered. */
  readonly status: number;
  /** `tools/call` only, when the answer could be read. */
  readonly outcome: ToolCallOutcome | null;
  /** From the request's arrival to the end of its answer. */
  readonly latencyMs: number;
  /** The refusal's code (`AUTH_INVALID_KEY`, `RATE_LIMITED`…), or null. */
  readonly reason: string | null;
}
