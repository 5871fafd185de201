import { API_KEY_HEADER } from '../../shared/api-key.js';
import type { AuthMode, StdioCommand } from '../../shared/view-types.js';
import { ClientsError } from './clients-error.js';
import type { ClientId, ClientSpec, LaunchCommand } from './client-table.js';

/** The name of the toolkit's entry in every client's file; nothing else in the file is ours. */
export const ENTRY_NAME = 'mcp-toolkit';
/** VS Code input id of the API key prompt (`${input:mcp-toolkit-key}`). */
export const VSCODE_KEY_INPUT_ID = 'mcp-toolkit-key';

export interface EntryRequest {
  /** How agents run this installation's CLI: the command and the arguments before a subcommand. */
  readonly launcher: LaunchCommand;
  readonly mcpUrl: string;
  readonly auth: AuthMode;
  /** A Streamable HTTP entry instead of the bridge. */
  readonly http: boolean;
  /** The user accepts the API key written into the client's file (clients with no secret-free way). */
  readonly allowKeyInFile: boolean;
  /** The key of the client's own name (created on first use); called only when the key goes into the file. */
  readonly keyFor: (client: ClientId) => Promise<string>;
}

export interface PlannedEntry {
  readonly entry: Record<string, unknown>;
  /** VS Code: the password prompt its header refers to; `null` when our prompt must go. */
  readonly input?: Record<string, unknown> | null;
  /** The API key itself is in `entry`. */
  readonly keyInFile: boolean;
}

/** The command-line prefix of `stdio` (the Claude Desktop snippet's command): the same program without the subcommand. */
export function launcherFromStdio(stdio: StdioCommand): LaunchCommand {
  const args = stdio.args.at(-1) === 'stdio' ? stdio.args.slice(0, -1) : stdio.args;
  return { command: stdio.command, args: [...args] };
}

/** One shell word: bare when safe, else quoted for the platform's shell (POSIX single quotes, Windows double quotes). */
export function shellWord(value: string, platform: NodeJS.Platform): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  if (platform === 'win32') return `"${value.replace(/"/g, '""')}"`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function bridge(spec: ClientSpec, launcher: LaunchCommand): PlannedEntry {
  const entry = spec.stdioEntry({ command: launcher.command, args: [...launcher.args, 'bridge', '--client', spec.id] });
  return { entry, ...(spec.id === 'vscode' ? { input: null } : {}), keyInFile: false };
}

/**
 * The entry the toolkit writes into `spec`'s file. The default is the bridge
 * (a stdio command: no secret at all). `--http` uses the client's secret-free
 * way to send the key where it has one (Claude Code's `headersHelper`, VS
 * Code's password input), and otherwise writes the key only when the user
 * allowed it. In `none` mode no key is sent; in `oauth` mode only clients
 * that sign in by themselves get an HTTP entry (the URL alone).
 */
export async function plannedEntry(spec: ClientSpec, request: EntryRequest, platform: NodeJS.Platform): Promise<PlannedEntry> {
  if (!request.http) return bridge(spec, request.launcher);
  const httpEntry = spec.httpEntry;
  if (httpEntry === undefined) {
    throw new ClientsError('CLIENT_HTTP_UNSUPPORTED', `${spec.name} starts only local (stdio) servers from its config file: connect it without --http (the bridge)`);
  }
  const url = request.mcpUrl;
  const noInput = spec.id === 'vscode' ? { input: null } : {};
  if (request.auth === 'none') return { entry: httpEntry(url, undefined), ...noInput, keyInFile: false };
  if (request.auth === 'oauth') {
    if (!spec.signsInItself) {
      throw new ClientsError('CLIENT_OAUTH_UNSUPPORTED', `${spec.name} does not sign in with OAuth by itself: connect it without --http (the bridge)`);
    }
    return { entry: httpEntry(url, undefined), ...noInput, keyInFile: false };
  }
  if (spec.id === 'claude-code') {
    const helper = [request.launcher.command, ...request.launcher.args, 'keys', 'show', spec.id, '--header-json'];
    return { entry: { ...httpEntry(url, undefined), headersHelper: helper.map((word) => shellWord(word, platform)).join(' ') }, keyInFile: false };
  }
  if (spec.id === 'vscode') {
    return {
      entry: httpEntry(url, { [API_KEY_HEADER]: `\${input:${VSCODE_KEY_INPUT_ID}}` }),
      input: { type: 'promptString', id: VSCODE_KEY_INPUT_ID, description: 'MCP Toolkit API key (mcp-toolkit keys show vscode)', password: true },
      keyInFile: false,
    };
  }
  if (!request.allowKeyInFile) {
    throw new ClientsError(
      'CLIENT_KEY_IN_FILE',
      `${spec.name} cannot read the API key from outside its config file, so --http would write the key into that file in plain text. Connect without --http (the bridge keeps the key in the keychain), or add --allow-key-in-file.`,
    );
  }
  const key = await request.keyFor(spec.id);
  return { entry: httpEntry(url, { [API_KEY_HEADER]: key }), keyInFile: true };
}

/** What kind of entry `entry` is, for `clients list`. */
export function entryTransport(entry: unknown): 'bridge' | 'http' | 'other' {
  if (typeof entry !== 'object' || entry === null) return 'other';
  const fields = entry as Record<string, unknown>;
  const words = [fields.command, fields.args].flat(2).filter((word): word is string => typeof word === 'string');
  if (words.includes('bridge')) return 'bridge';
  if (['url', 'serverUrl', 'httpUrl'].some((field) => typeof fields[field] === 'string')) return 'http';
  return 'other';
}
