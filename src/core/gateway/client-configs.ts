import path from 'node:path';
import type { PathContext } from '../config/paths.js';
import { readRegularFile } from '../config/read-regular-file.js';
import { isPlainObject } from '../../shared/plain-object.js';
import { parseJsonWithComments } from './jsonc.js';

/** Agent clients whose MCP server lists `servers import --from` reads. */
export const IMPORT_CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode', 'windsurf'] as const;
export type ImportClient = (typeof IMPORT_CLIENTS)[number];

export function isImportClient(text: string): text is ImportClient {
  return (IMPORT_CLIENTS as readonly string[]).includes(text);
}

/** `~/.claude.json` holds Claude Code's whole state; other files are a few KB. */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

function configHome({ platform, env, homedir }: PathContext): string {
  if (platform === 'win32') return env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support');
  const xdg = env.XDG_CONFIG_HOME;
  return xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.config');
}

/**
 * Where each client keeps its user-level MCP servers, as documented by it:
 * - Claude Desktop: `claude_desktop_config.json` in its config folder (`mcpServers`);
 * - Claude Code: `~/.claude.json`, the user scope's `mcpServers`;
 * - Cursor: `~/.cursor/mcp.json` (`mcpServers`);
 * - VS Code: the user profile's `mcp.json` (`servers`, JSON with comments);
 * - Windsurf: `~/.codeium/windsurf/mcp_config.json` (`mcpServers`, remote ones as `serverUrl`).
 */
export function clientConfigPath(client: ImportClient, context: PathContext): string {
  const join = context.platform === 'win32' ? path.win32.join : path.posix.join;
  switch (client) {
    case 'claude-desktop':
      return join(configHome(context), 'Claude', 'claude_desktop_config.json');
    case 'claude-code':
      return join(context.homedir, '.claude.json');
    case 'cursor':
      return join(context.homedir, '.cursor', 'mcp.json');
    case 'vscode':
      return join(configHome(context), 'Code', 'User', 'mcp.json');
    case 'windsurf':
      return join(context.homedir, '.codeium', 'windsurf', 'mcp_config.json');
  }
}

export type ClientConfigRead = { ok: true; entries: Record<string, unknown> } | { ok: false; problem: string };

/** The server entries of a parsed client config: `mcpServers` (most clients) or `servers` (VS Code). */
export function serverEntriesOf(config: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(config)) return undefined;
  const entries = config.mcpServers ?? config.servers;
  return isPlainObject(entries) ? entries : undefined;
}

/** Reads a client's config file (JSON, comments allowed) and returns its server entries, or why it cannot. */
export async function readClientConfig(file: string): Promise<ClientConfigRead> {
  let read;
  try {
    read = await readRegularFile(file, MAX_CONFIG_BYTES);
  } catch (error) {
    return { ok: false, problem: `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  if (read.kind === 'missing') return { ok: false, problem: `${file} does not exist` };
  if (read.kind === 'refused') return { ok: false, problem: `${file} ${read.problem}` };
  let config: unknown;
  try {
    config = parseJsonWithComments(read.text);
  } catch {
    // The parser's message quotes the file, which may hold secrets: left out on purpose.
    return { ok: false, problem: `${file} is not valid JSON` };
  }
  const entries = serverEntriesOf(config);
  if (entries === undefined) return { ok: false, problem: `${file} has no "mcpServers" or "servers" object` };
  return { ok: true, entries };
}
