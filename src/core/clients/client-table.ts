import type { PathContext } from '../config/paths.js';
import { appDataHome, codexHome, joinFor, vscodeUserFolder, xdgConfigHome, zedFolder } from './client-paths.js';

/** The agent clients whose config file `clients connect` edits, in display order. */
export const CLIENT_IDS = [
  'claude-code',
  'claude-desktop',
  'vscode',
  'cursor',
  'windsurf',
  'codex',
  'gemini',
  'zed',
  'cline',
  'lmstudio',
  'opencode',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export function isClientId(text: string): text is ClientId {
  return (CLIENT_IDS as readonly string[]).includes(text);
}

/** How to run a program: the entry a client starts. */
export interface LaunchCommand {
  readonly command: string;
  readonly args: readonly string[];
}

type Entry = Record<string, unknown>;

export interface ClientSpec {
  readonly id: ClientId;
  readonly name: string;
  readonly format: 'json' | 'toml';
  /** The key of the object that maps server names to entries (`mcpServers`, `servers`, `mcp_servers`…). */
  readonly serversKey: string;
  readonly file: (context: PathContext) => string;
  /** Folders whose presence means the client is installed (its config folder). */
  readonly folders: (context: PathContext) => readonly string[];
  /** Program names on PATH that mean the client is installed. */
  readonly programs: readonly string[];
  /** The entry that runs a local stdio server. */
  readonly stdioEntry: (launch: LaunchCommand) => Entry;
  /** The entry for a Streamable HTTP server; absent when the file cannot hold one. */
  readonly httpEntry?: (url: string, headers: Readonly<Record<string, string>> | undefined) => Entry;
  /** Does MCP OAuth discovery and signs in by itself (`oauth` mode needs only the URL). */
  readonly signsInItself: boolean;
}

const plainStdio = (launch: LaunchCommand): Entry => ({ command: launch.command, args: [...launch.args] });
const typedStdio = (launch: LaunchCommand): Entry => ({ type: 'stdio', ...plainStdio(launch) });
const withHeaders = (entry: Entry, headers: Readonly<Record<string, string>> | undefined): Entry =>
  headers === undefined ? entry : { ...entry, headers: { ...headers } };
/** `{ <field>: url, headers? }`, the Cursor notation and its variants. */
const urlEntry =
  (field: string, extra: Entry = {}) =>
  (url: string, headers: Readonly<Record<string, string>> | undefined): Entry =>
    withHeaders({ ...extra, [field]: url }, headers);

/**
 * Every supported client, its user-level config file on each platform and its
 * entry format, as each client documents them (see the README's table):
 * paths resolve for the context's platform, not the host's.
 */
export const CLIENTS: readonly ClientSpec[] = [
  {
    id: 'claude-code',
    name: 'Claude Code',
    format: 'json',
    serversKey: 'mcpServers',
    file: (c) => joinFor(c)(c.homedir, '.claude.json'),
    folders: (c) => [joinFor(c)(c.homedir, '.claude')],
    programs: ['claude'],
    stdioEntry: typedStdio,
    httpEntry: urlEntry('url', { type: 'http' }),
    signsInItself: true,
  },
  {
    id: 'claude-desktop',
    name: 'Claude Desktop',
    format: 'json',
    serversKey: 'mcpServers',
    file: (c) => joinFor(c)(appDataHome(c), 'Claude', 'claude_desktop_config.json'),
    folders: (c) => [joinFor(c)(appDataHome(c), 'Claude')],
    programs: [],
    stdioEntry: plainStdio,
    signsInItself: false,
  },
  {
    id: 'vscode',
    name: 'VS Code',
    format: 'json',
    serversKey: 'servers',
    file: (c) => joinFor(c)(vscodeUserFolder(c), 'mcp.json'),
    folders: (c) => [vscodeUserFolder(c)],
    programs: ['code'],
    stdioEntry: typedStdio,
    httpEntry: urlEntry('url', { type: 'http' }),
    signsInItself: true,
  },
  {
    id: 'cursor',
    name: 'Cursor',
    format: 'json',
    serversKey: 'mcpServers',
    file: (c) => joinFor(c)(c.homedir, '.cursor', 'mcp.json'),
    folders: (c) => [joinFor(c)(c.homedir, '.cursor')],
    programs: ['cursor'],
    stdioEntry: plainStdio,
    httpEntry: urlEntry('url'),
    signsInItself: true,
  },
  {
    id: 'windsurf',
    name: 'Windsurf',
    format: 'json',
    serversKey: 'mcpServers',
    file: (c) => joinFor(c)(c.homedir, '.codeium', 'windsurf', 'mcp_config.json'),
    folders: (c) => [joinFor(c)(c.homedir, '.codeium', 'windsurf')],
    programs: ['windsurf'],
    stdioEntry: plainStdio,
    httpEntry: urlEntry('serverUrl'),
    signsInItself: true,
  },
  {
    id: 'codex',
    name: 'Codex CLI',
    format: 'toml',
    serversKey: 'mcp_servers',
    file: (c) => joinFor(c)(codexHome(c), 'config.toml'),
    folders: (c) => [codexHome(c)],
    programs: ['codex'],
    stdioEntry: plainStdio,
    httpEntry: (url, headers) => (headers === undefined ? { url } : { url, http_headers: { ...headers } }),
    signsInItself: true,
  },
  {
    id: 'gemini',
    name: 'Gemini CLI',
    format: 'json',
    serversKey: 'mcpServers',
    file: (c) => joinFor(c)(c.homedir, '.gemini', 'settings.json'),
    folders: (c) => [joinFor(c)(c.homedir, '.gemini')],
    programs: ['gemini'],
    stdioEntry: plainStdio,
    httpEntry: urlEntry('httpUrl'),
    signsInItself: true,
  },
  {
    id: 'zed',
    name: 'Zed',
    format: 'json',
    serversKey: 'context_servers',
    file: (c) => joinFor(c)(zedFolder(c), 'settings.json'),
    folders: (c) => [zedFolder(c)],
    programs: ['zed', 'zeditor'],
    stdioEntry: plainStdio,
    httpEntry: urlEntry('url'),
    signsInItself: true,
  },
  {
    id: 'cline',
    name: 'Cline',
    format: 'json',
    serversKey: 'mcpServers',
    file: (c) => joinFor(c)(vscodeUserFolder(c), 'globalStorage', 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json'),
    folders: (c) => [joinFor(c)(vscodeUserFolder(c), 'globalStorage', 'saoudrizwan.claude-dev')],
    programs: [],
    stdioEntry: plainStdio,
    httpEntry: urlEntry('url', { type: 'streamableHttp' }),
    signsInItself: true,
  },
  {
    id: 'lmstudio',
    name: 'LM Studio',
    format: 'json',
    serversKey: 'mcpServers',
    file: (c) => joinFor(c)(c.homedir, '.lmstudio', 'mcp.json'),
    folders: (c) => [joinFor(c)(c.homedir, '.lmstudio')],
    programs: ['lms'],
    stdioEntry: plainStdio,
    httpEntry: urlEntry('url'),
    signsInItself: false,
  },
  {
    id: 'opencode',
    name: 'opencode',
    format: 'json',
    serversKey: 'mcp',
    file: (c) => joinFor(c)(xdgConfigHome(c), 'opencode', 'opencode.json'),
    folders: (c) => [joinFor(c)(xdgConfigHome(c), 'opencode')],
    programs: ['opencode'],
    stdioEntry: (launch) => ({ type: 'local', command: [launch.command, ...launch.args], enabled: true }),
    httpEntry: urlEntry('url', { type: 'remote', enabled: true }),
    signsInItself: true,
  },
];

export function clientSpec(id: ClientId): ClientSpec {
  const spec = CLIENTS.find((candidate) => candidate.id === id);
  if (spec === undefined) throw new RangeError(`unknown client: ${id}`);
  return spec;
}
