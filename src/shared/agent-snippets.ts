/**
 * Ready-to-paste MCP client configurations for this server.
 *
 * Secrets policy: no snippet contains the API key. Each one refers to it the
 * way its client supports (an environment variable, or VS Code's password
 * prompt), so a snippet can be shared, committed or shown on screen; the
 * user puts the key itself in place with "Copy API key". Formats follow each
 * client's documentation (each client's page on MCP servers).
 *
 * In `oauth` mode clients that do MCP OAuth discovery themselves get only the
 * URL; the others get a bearer token from an environment variable filled by
 * `mcp-toolkit token`. Claude Desktop accepts only stdio servers, so it always
 * runs this app's own `stdio` command (stdio needs no credentials).
 */
import { API_KEY_HEADER } from './api-key.js';
import { reachableUrlHost } from './loopback.js';
import type { AgentClientId, AgentSnippet, AuthMode, StdioCommand } from './view-types.js';

/** Environment variable the agents' configurations read the API key from (not the server's `API_KEY_ENV_VAR`). */
export const AGENT_API_KEY_ENV_VAR = 'MCP_TOOLKIT_API_KEY';
/** Environment variable the snippets read an OAuth access token from (clients without their own sign-in). */
export const TOKEN_ENV_VAR = 'MCP_TOOLKIT_TOKEN';
/** VS Code input id of the API key prompt. */
export const VSCODE_INPUT_ID = 'mcp-toolkit-api-key';
export const DEFAULT_SERVER_NAME = 'mcp-toolkit';

export interface SnippetOptions {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. */
  readonly mcpUrl: string;
  readonly auth: AuthMode;
  /** How to run this app as a stdio server (Claude Desktop). */
  readonly stdio: StdioCommand;
  /** Name of the server entry in each config; letters, digits, `-` and `_`. */
  readonly serverName?: string;
}

/** Reference to a secret in one client's own substitution syntax. */
type SecretRef = (envVar: string) => string;

const SERVER_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** All snippets for the given server, in display order. */
export function buildAgentSnippets(options: SnippetOptions): AgentSnippet[] {
  const name = options.serverName ?? DEFAULT_SERVER_NAME;
  if (!SERVER_NAME_PATTERN.test(name)) throw new RangeError(`invalid server name: ${name}`);
  const context: Context = { ...options, name };
  return [
    claudeCodeCommand(context),
    claudeCodeJson(context),
    vscodeJson(context),
    cursorJson(context),
    windsurfJson(context),
    codexToml(context),
    geminiJson(context),
    claudeDesktopJson(context),
  ];
}

/** The URL agents connect to for a server bound to `host:port` (wildcard binds are reached on loopback). */
export function mcpUrlFor(host: string, port: number, path = '/mcp'): string {
  return `http://${reachableUrlHost(host)}:${port}${path}`;
}

/** Human names of the clients, for menus. */
export const AGENT_CLIENT_NAMES: Readonly<Record<AgentClientId, string>> = {
  'claude-code': 'Claude Code',
  vscode: 'VS Code',
  cursor: 'Cursor',
  windsurf: 'Windsurf',
  codex: 'Codex CLI',
  gemini: 'Gemini CLI',
  'claude-desktop': 'Claude Desktop',
};

interface Context extends SnippetOptions {
  readonly name: string;
}

/** Headers for a client that reads secrets with `ref`, or none when the client signs in on its own. */
function headersFor(context: Context, ref: SecretRef, signsInItself: boolean): Record<string, string> | undefined {
  if (context.auth === 'api_key') return { [API_KEY_HEADER]: ref(AGENT_API_KEY_ENV_VAR) };
  if (context.auth === 'oauth' && !signsInItself) return { Authorization: `Bearer ${ref(TOKEN_ENV_VAR)}` };
  return undefined;
}

function envNote(context: Context, signsInItself: boolean): string | undefined {
  if (context.auth === 'api_key') {
    return `Set ${AGENT_API_KEY_ENV_VAR} to the API key ("Copy API key") in the environment the client starts from.`;
  }
  if (context.auth === 'oauth') {
    return signsInItself
      ? 'The client signs in with the authorization server on its own when it first connects.'
      : `Set ${TOKEN_ENV_VAR} to an access token from \`mcp-toolkit token\` (it expires; refresh it).`;
  }
  return undefined;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function withHeaders(entry: Record<string, unknown>, headers: Record<string, string> | undefined) {
  return headers ? { ...entry, headers } : entry;
}

function snippet(fields: AgentSnippet, note: string | undefined): AgentSnippet {
  return note ? { ...fields, note } : fields;
}

/** `claude mcp add`: the shell expands `$VAR` inside double quotes when the command runs. */
function claudeCodeCommand(context: Context): AgentSnippet {
  const headers = headersFor(context, (envVar) => `$${envVar}`, true);
  const headerArgs = Object.entries(headers ?? {}).map(([key, value]) => ` --header "${key}: ${value}"`);
  const content = `claude mcp add --transport http ${context.name} ${shellWord(context.mcpUrl)}${headerArgs.join('')}\n`;
  return snippet(
    { client: 'claude-code', id: 'claude-code-command', title: 'Claude Code (command)', language: 'shell', content },
    envNote(context, true),
  );
}

/** Project-scoped `.mcp.json`; Claude Code expands `${VAR}` in url and headers. */
function claudeCodeJson(context: Context): AgentSnippet {
  const headers = headersFor(context, (envVar) => `\${${envVar}}`, true);
  const content = json({ mcpServers: { [context.name]: withHeaders({ type: 'http', url: context.mcpUrl }, headers) } });
  return snippet(
    { client: 'claude-code', id: 'claude-code-json', title: 'Claude Code (.mcp.json)', language: 'json', file: '.mcp.json', content },
    envNote(context, true),
  );
}

/** `.vscode/mcp.json`: the key comes from a password prompt (`inputs`), never from the file. */
function vscodeJson(context: Context): AgentSnippet {
  const entry = { type: 'http', url: context.mcpUrl };
  const config =
    context.auth === 'api_key'
      ? {
          inputs: [
            { type: 'promptString', id: VSCODE_INPUT_ID, description: 'MCP Toolkit API key', password: true },
          ],
          servers: { [context.name]: { ...entry, headers: { [API_KEY_HEADER]: `\${input:${VSCODE_INPUT_ID}}` } } },
        }
      : { servers: { [context.name]: entry } };
  const note =
    context.auth === 'api_key'
      ? 'VS Code asks for the key once ("Copy API key") and stores it securely.'
      : envNote(context, true);
  return snippet(
    { client: 'vscode', id: 'vscode-json', title: 'VS Code (.vscode/mcp.json)', language: 'json', file: '.vscode/mcp.json', content: json(config) },
    note,
  );
}

/** `~/.cursor/mcp.json`; Cursor expands `${env:NAME}`. */
function cursorJson(context: Context): AgentSnippet {
  const headers = headersFor(context, (envVar) => `\${env:${envVar}}`, true);
  const content = json({ mcpServers: { [context.name]: withHeaders({ url: context.mcpUrl }, headers) } });
  return snippet(
    { client: 'cursor', id: 'cursor-json', title: 'Cursor (~/.cursor/mcp.json)', language: 'json', file: '~/.cursor/mcp.json', content },
    envNote(context, true),
  );
}

/** `~/.codeium/windsurf/mcp_config.json`: `serverUrl`, `${env:NAME}`; Windsurf does not run the OAuth flow itself. */
function windsurfJson(context: Context): AgentSnippet {
  const headers = headersFor(context, (envVar) => `\${env:${envVar}}`, false);
  const content = json({ mcpServers: { [context.name]: withHeaders({ serverUrl: context.mcpUrl }, headers) } });
  const file = '~/.codeium/windsurf/mcp_config.json';
  return snippet(
    { client: 'windsurf', id: 'windsurf-json', title: `Windsurf (${file})`, language: 'json', file, content },
    envNote(context, false),
  );
}

/** `~/.codex/config.toml`: `env_http_headers` maps a header to the variable holding its value. */
function codexToml(context: Context): AgentSnippet {
  const lines = [`[mcp_servers.${context.name}]`, `url = ${tomlString(context.mcpUrl)}`];
  if (context.auth === 'api_key') {
    lines.push(`env_http_headers = { ${tomlString(API_KEY_HEADER)} = ${tomlString(AGENT_API_KEY_ENV_VAR)} }`);
  }
  return snippet(
    { client: 'codex', id: 'codex-toml', title: 'Codex CLI (~/.codex/config.toml)', language: 'toml', file: '~/.codex/config.toml', content: `${lines.join('\n')}\n` },
    envNote(context, true),
  );
}

/** `~/.gemini/settings.json`: `httpUrl` for Streamable HTTP; Gemini CLI expands `${VAR}`. */
function geminiJson(context: Context): AgentSnippet {
  const headers = headersFor(context, (envVar) => `\${${envVar}}`, true);
  const content = json({ mcpServers: { [context.name]: withHeaders({ httpUrl: context.mcpUrl }, headers) } });
  return snippet(
    { client: 'gemini', id: 'gemini-json', title: 'Gemini CLI (~/.gemini/settings.json)', language: 'json', file: '~/.gemini/settings.json', content },
    envNote(context, true),
  );
}

/** `claude_desktop_config.json` accepts only stdio servers: run this app's `stdio` command. */
function claudeDesktopJson(context: Context): AgentSnippet {
  const content = json({ mcpServers: { [context.name]: { command: context.stdio.command, args: [...context.stdio.args] } } });
  return {
    client: 'claude-desktop',
    id: 'claude-desktop-json',
    title: 'Claude Desktop (claude_desktop_config.json)',
    language: 'json',
    file: 'claude_desktop_config.json',
    content,
    note: 'Runs the same tools over stdio, started by Claude Desktop; stdio needs no key or sign-in.',
  };
}

/** Leaves plain URLs bare (as documented) and double-quotes anything a shell could expand (`[::1]`). */
function shellWord(value: string): string {
  return /^[A-Za-z0-9:/._%-]+$/.test(value) ? value : `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}

/** A TOML basic string (TOML 1.0 §String): quotes, backslashes and control characters escaped. */
export function tomlString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what TOML requires escaping
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (char) => {
    if (char === '\\') return '\\\\';
    if (char === '"') return '\\"';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}
