/**
 * Ready-to-paste MCP client configurations for this server, for clients the
 * toolkit does not connect itself (`agents.connect` / `mcp-toolkit clients
 * connect` write the same entries into the file).
 *
 * Secrets policy: no snippet contains a key, and none reads one from an
 * environment variable (a client opened from the Dock or the Start menu does
 * not see the shell's variables). In `api_key` mode each client gets its own
 * named key (`mcp-toolkit keys create NAME`) through a secret-free mechanism:
 * the bridge (`mcp-toolkit bridge --client NAME`, a stdio command that reads
 * the key from the keychain), Claude Code's `headersHelper`, or VS Code's
 * password prompt. Formats follow each client's documentation.
 *
 * In `oauth` mode HTTP clients get the URL alone and sign in by themselves,
 * which needs dynamic client registration at the identity provider (or a
 * client ID given to the client: passed to Claude Code, which takes one).
 * Claude Desktop reads only stdio servers from its file.
 */
import { API_KEY_HEADER } from './api-key.js';
import { reachableUrlHost } from './loopback.js';
import type { AgentClientId, AgentSnippet, AuthMode, StdioCommand } from './view-types.js';

/** VS Code input id of the API key prompt. */
export const VSCODE_INPUT_ID = 'mcp-toolkit-api-key';
export const DEFAULT_SERVER_NAME = 'mcp-toolkit';

export interface SnippetOptions {
  /** The MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. */
  readonly mcpUrl: string;
  readonly auth: AuthMode;
  /** How to run this app as a stdio server; the bridge and `keys show` run the same program. */
  readonly stdio: StdioCommand;
  /** The sign-in client ID configured here (`oauth.clientId`), passed to clients that take one. */
  readonly oauthClientId?: string;
  /** Name of the server entry in each config; letters, digits, `-` and `_`. */
  readonly serverName?: string;
}

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

/** This app's command with `words` after it instead of `stdio` (`… bridge --client cursor`). */
function appCommand(context: Context, ...words: string[]): { command: string; args: string[] } {
  const prefix = context.stdio.args.at(-1) === 'stdio' ? context.stdio.args.slice(0, -1) : [...context.stdio.args];
  return { command: context.stdio.command, args: [...prefix, ...words] };
}

/** The bridge entry for `client`: a command, no key, no environment variable. */
function bridgeEntry(context: Context, client: AgentClientId): { command: string; args: string[] } {
  return appCommand(context, 'bridge', '--client', client);
}

function bridgeNote(client: AgentClientId): string {
  return (
    `Runs the bridge: each time ${AGENT_CLIENT_NAMES[client]} starts it, it reads the key named "${client}" from the keychain ` +
    `(creating it on first use) and forwards to the running toolkit. No key or variable in the file.`
  );
}

function oauthNote(client: AgentClientId, clientIdPassed: boolean): string {
  const name = AGENT_CLIENT_NAMES[client];
  const signIn = `${name} signs in by itself when it first connects, if your identity provider allows dynamic client registration (RFC 7591).`;
  if (clientIdPassed) return `${signIn} Otherwise it uses the client ID configured here; that client must allow ${name}'s loopback redirect.`;
  if (client === 'claude-code') return `${signIn} If it does not, set the sign-in client ID under Authentication: it is passed with --client-id.`;
  return `${signIn} If it does not, register a client there and enter its ID when ${name} asks for one.`;
}

/** The note for an HTTP entry with the URL alone (`none` or `oauth` mode). */
function urlOnlyNote(context: Context, client: AgentClientId, clientIdPassed = false): string | undefined {
  return context.auth === 'oauth' ? oauthNote(client, clientIdPassed) : undefined;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function snippet(fields: AgentSnippet, note: string | undefined): AgentSnippet {
  return note ? { ...fields, note } : fields;
}

/** `claude mcp add`: the bridge after `--` in `api_key` mode; the URL (and `--client-id`) otherwise. Nothing for the shell to expand. */
function claudeCodeCommand(context: Context): AgentSnippet {
  const fields = { client: 'claude-code', id: 'claude-code-command', title: 'Claude Code (command)', language: 'shell' } as const;
  if (context.auth === 'api_key') {
    const bridge = bridgeEntry(context, 'claude-code');
    const content = `claude mcp add ${context.name} -- ${[bridge.command, ...bridge.args].map(shellWord).join(' ')}\n`;
    return snippet({ ...fields, content }, bridgeNote('claude-code'));
  }
  const clientId = context.auth === 'oauth' ? context.oauthClientId : undefined;
  const clientIdArg = clientId ? ` --client-id ${shellWord(clientId)}` : '';
  const content = `claude mcp add --transport http${clientIdArg} ${context.name} ${shellWord(context.mcpUrl)}\n`;
  return snippet({ ...fields, content }, urlOnlyNote(context, 'claude-code', clientId !== undefined));
}

/** Project-scoped `.mcp.json`: `headersHelper` runs `keys show … --header-json` at each connection, so the key stays in the keychain. */
function claudeCodeJson(context: Context): AgentSnippet {
  const fields = { client: 'claude-code', id: 'claude-code-json', title: 'Claude Code (.mcp.json)', language: 'json', file: '.mcp.json' } as const;
  const entry: Record<string, unknown> = { type: 'http', url: context.mcpUrl };
  let note = urlOnlyNote(context, 'claude-code');
  if (context.auth === 'api_key') {
    const helper = appCommand(context, 'keys', 'show', 'claude-code', '--header-json');
    entry.headersHelper = [helper.command, ...helper.args].map(shellWord).join(' ');
    note = 'Claude Code runs headersHelper at each connection to get the key named "claude-code" from the keychain; create it once with `mcp-toolkit keys create claude-code`.';
  } else if (context.auth === 'oauth' && context.oauthClientId) {
    entry.oauth = { clientId: context.oauthClientId };
    note = urlOnlyNote(context, 'claude-code', true);
  }
  return snippet({ ...fields, content: json({ mcpServers: { [context.name]: entry } }) }, note);
}

/** `.vscode/mcp.json`: the key comes from a password prompt (`inputs`), never from the file. */
function vscodeJson(context: Context): AgentSnippet {
  const entry = { type: 'http', url: context.mcpUrl };
  const config =
    context.auth === 'api_key'
      ? {
          inputs: [{ type: 'promptString', id: VSCODE_INPUT_ID, description: 'MCP Toolkit API key (mcp-toolkit keys show vscode)', password: true }],
          servers: { [context.name]: { ...entry, headers: { [API_KEY_HEADER]: `\${input:${VSCODE_INPUT_ID}}` } } },
        }
      : { servers: { [context.name]: entry } };
  const note =
    context.auth === 'api_key'
      ? 'VS Code asks for the key once and keeps it in its secret storage: paste the output of `mcp-toolkit keys show vscode` (create it first with `mcp-toolkit keys create vscode`).'
      : urlOnlyNote(context, 'vscode');
  return snippet(
    { client: 'vscode', id: 'vscode-json', title: 'VS Code (.vscode/mcp.json)', language: 'json', file: '.vscode/mcp.json', content: json(config) },
    note,
  );
}

/** A JSON `mcpServers` entry: the bridge in `api_key` mode, else `{ [urlField]: url }`. */
function mcpServersJson(context: Context, client: AgentClientId, urlField: string, file: string): AgentSnippet {
  const keyed = context.auth === 'api_key';
  const entry = keyed ? bridgeEntry(context, client) : { [urlField]: context.mcpUrl };
  return snippet(
    { client, id: `${client}-json`, title: `${AGENT_CLIENT_NAMES[client]} (${file})`, language: 'json', file, content: json({ mcpServers: { [context.name]: entry } }) },
    keyed ? bridgeNote(client) : urlOnlyNote(context, client),
  );
}

/** `~/.cursor/mcp.json`. */
function cursorJson(context: Context): AgentSnippet {
  return mcpServersJson(context, 'cursor', 'url', '~/.cursor/mcp.json');
}

/** `~/.codeium/windsurf/mcp_config.json`: `serverUrl`; Windsurf does MCP OAuth itself. */
function windsurfJson(context: Context): AgentSnippet {
  return mcpServersJson(context, 'windsurf', 'serverUrl', '~/.codeium/windsurf/mcp_config.json');
}

/** `~/.gemini/settings.json`: `httpUrl` for Streamable HTTP. */
function geminiJson(context: Context): AgentSnippet {
  return mcpServersJson(context, 'gemini', 'httpUrl', '~/.gemini/settings.json');
}

/** `~/.codex/config.toml`: the bridge's `command`/`args`, or the `url`. */
function codexToml(context: Context): AgentSnippet {
  const keyed = context.auth === 'api_key';
  const lines = [`[mcp_servers.${context.name}]`];
  if (keyed) {
    const bridge = bridgeEntry(context, 'codex');
    lines.push(`command = ${tomlString(bridge.command)}`, `args = [${bridge.args.map(tomlString).join(', ')}]`);
  } else {
    lines.push(`url = ${tomlString(context.mcpUrl)}`);
  }
  return snippet(
    { client: 'codex', id: 'codex-toml', title: 'Codex CLI (~/.codex/config.toml)', language: 'toml', file: '~/.codex/config.toml', content: `${lines.join('\n')}\n` },
    keyed ? bridgeNote('codex') : urlOnlyNote(context, 'codex'),
  );
}

/** `claude_desktop_config.json` accepts only stdio servers: the bridge, or (`oauth` mode, which the bridge cannot sign in to) this app's `stdio`. */
function claudeDesktopJson(context: Context): AgentSnippet {
  const fields = { client: 'claude-desktop', id: 'claude-desktop-json', title: 'Claude Desktop (claude_desktop_config.json)', language: 'json', file: 'claude_desktop_config.json' } as const;
  if (context.auth !== 'oauth') {
    return { ...fields, content: json({ mcpServers: { [context.name]: bridgeEntry(context, 'claude-desktop') } }), note: bridgeNote('claude-desktop') };
  }
  return {
    ...fields,
    content: json({ mcpServers: { [context.name]: { command: context.stdio.command, args: [...context.stdio.args] } } }),
    note: 'Claude Desktop reads only local (stdio) servers and cannot sign in to this one: this runs the same tools in a process it starts, with no sign-in (the process boundary protects it).',
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
