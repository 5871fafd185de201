/**
 * What the UI sends and receives for the gateway's servers (the `servers.*`
 * calls of the contract): the add request, which carries secret values once,
 * on their way to the keychain; and the plan and result of an import from an
 * agent client's config. Views of the servers themselves are in `gateway-types.ts`.
 */
import type { HttpUpstreamSettings, StdioUpstreamSettings, UpstreamView } from './gateway-types.js';

/** Secret and environment variable names: what every shell accepts. */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Longest secret value the UI may send (a token or a key, not a file). */
export const MAX_SECRET_VALUE = 16 * 1024;

/** Most lines `servers.logs` returns (the gateway keeps the last 1,000 in memory). */
export const MAX_LOG_LINES = 1_000;

/** Names one upstream server. */
export interface ServerNameRequest {
  readonly name: string;
}

/** A secret on its way to the keychain: sent by the UI once, never returned. */
export interface SecretEntry {
  readonly key: string;
  readonly value: string;
}

type AddRequestOf<T> = Omit<T, 'secrets'> & {
  /** Stored in the keychain (account `server:<name>:<key>`); only the names reach `settings.json`. */
  readonly secrets?: readonly SecretEntry[];
};

/** `servers.add`: an upstream's settings with the secrets' values instead of their names. */
export type ServerAddRequest = AddRequestOf<StdioUpstreamSettings> | AddRequestOf<HttpUpstreamSettings>;

/** The agent clients whose MCP config `servers.import` reads. */
export const IMPORT_SOURCES = ['claude-desktop', 'claude-code', 'cursor', 'vscode', 'windsurf'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

export const IMPORT_SOURCE_NAMES: Readonly<Record<ImportSource, string>> = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
};

/** `servers.importPreview` and `servers.import`: which client's config to read. */
export interface ImportRequest {
  readonly from: ImportSource;
}

/** A server the import adds. */
export interface ImportedServer {
  readonly name: string;
  readonly kind: 'stdio' | 'http';
  /** The command line or URL (no secret value). */
  readonly target: string;
  /** Environment variables whose literal values move to the keychain (names only). */
  readonly secrets: readonly string[];
}

/** A server of the client's config the import leaves out, and why (name taken, not valid…). */
export interface SkippedServer {
  readonly name: string;
  readonly reason: string;
}

/** What `servers.import` would do; `servers.importPreview` changes nothing. */
export interface ImportPlan {
  readonly from: ImportSource;
  /** The config file read. */
  readonly configPath: string;
  readonly add: readonly ImportedServer[];
  readonly skipped: readonly SkippedServer[];
}

/** What `servers.import` did, and the servers now configured. */
export interface ImportResult extends ImportPlan {
  readonly servers: readonly UpstreamView[];
}
