import type { AgentClientStatus } from '../../shared/agent-clients-types.js';
import type { PathContext } from '../config/paths.js';
import type { AuthMode } from '../../shared/view-types.js';
import { ClientsError, isClientsError } from './clients-error.js';
import { CLIENTS, CLIENT_IDS, clientSpec, isClientId, type ClientId, type ClientSpec, type LaunchCommand } from './client-table.js';
import { backupOnce, readConfigFile, writeConfigFile } from './config-file.js';
import { isInstalled, programFinder, type ProgramFinder } from './detect.js';
import { entryTransport, plannedEntry, VSCODE_KEY_INPUT_ID, type PlannedEntry } from './entries.js';
import { parseJsonConfig, readJsonEntry, removeJsonEntry, setJsonEntry } from './json-edit.js';
import { readTomlEntry, removeTomlEntry, setTomlEntry } from './toml-edit.js';
import { findNodeAtLocation, getNodeValue } from 'jsonc-parser';

/** What connecting needs from the host: the user's folders, how to run this CLI, and the server it connects to. */
export interface ClientsContext {
  readonly paths: PathContext;
  /** How agents run this installation's CLI: the command and the arguments before a subcommand. */
  readonly launcher: LaunchCommand;
  /** The MCP endpoint, for `--http` entries. */
  readonly mcpUrl: string;
  readonly auth: AuthMode;
  /** The API key named after the client (created on first use); called only when the key goes into a file. */
  readonly keyFor: (client: ClientId) => Promise<string>;
  readonly now?: () => Date;
  /** Whether a program is on PATH (detection); the context's PATH by default. */
  readonly hasProgram?: ProgramFinder;
}

export interface ClientStatus extends AgentClientStatus {
  readonly client: ClientId;
}

export interface ConnectOptions {
  /** A Streamable HTTP entry instead of the bridge. */
  readonly http?: boolean;
  /** Accept the API key written into the client's file when the client has no secret-free way. */
  readonly allowKeyInFile?: boolean;
}

export interface ClientChange {
  readonly client: ClientId;
  readonly configFile: string;
  /** False when the file already was as asked (nothing written, no backup). */
  readonly changed: boolean;
  /** The backup written before this change (only before the toolkit's first change to the file). */
  readonly backupFile?: string;
  /** The API key itself went into the file (`--http --allow-key-in-file`). */
  readonly keyInFile: boolean;
}

interface Editor {
  read(text: string): unknown;
  set(text: string, planned: PlannedEntry): string;
  remove(text: string): string;
}

/** opencode: entries under `mcp`, or under `mcp.servers` in a file already written in its V2 shape. */
function serversPath(spec: ClientSpec, text: string, file: string): string[] {
  if (spec.id !== 'opencode') return [spec.serversKey];
  const root = parseJsonConfig(text, file);
  const node = root && findNodeAtLocation(root, ['mcp', 'servers']);
  const value = node && (getNodeValue(node) as unknown);
  const v2 = typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { type?: unknown }).type !== 'string';
  return v2 ? ['mcp', 'servers'] : ['mcp'];
}

function editorFor(spec: ClientSpec, file: string): Editor {
  if (spec.format === 'toml') {
    return {
      read: (text) => readTomlEntry(text, file),
      set: (text, planned) => setTomlEntry(text, file, planned.entry),
      remove: (text) => removeTomlEntry(text, file),
    };
  }
  const inputId = spec.id === 'vscode' ? VSCODE_KEY_INPUT_ID : undefined;
  return {
    read: (text) => readJsonEntry(text, file, serversPath(spec, text, file)),
    set: (text, planned) => setJsonEntry(text, file, serversPath(spec, text, file), planned.entry, planned.input, inputId),
    remove: (text) => removeJsonEntry(text, file, serversPath(spec, text, file), inputId),
  };
}

/** A leading byte order mark is kept aside while editing and put back. */
function editText(text: string, edit: (body: string) => string): string {
  return text.startsWith('\uFEFF') ? `\uFEFF${edit(text.slice(1))}` : edit(text);
}

function specOf(client: string): ClientSpec {
  if (!isClientId(client)) throw new ClientsError('CLIENT_UNKNOWN', `unknown client "${client}"; supported: ${CLIENT_IDS.join(', ')}`);
  return clientSpec(client);
}

/** Each supported client: installed or not, its config file, and whether the toolkit is connected there. */
export async function listClients(context: ClientsContext): Promise<ClientStatus[]> {
  const hasProgram = context.hasProgram ?? programFinder(context.paths);
  return Promise.all(
    CLIENTS.map(async (spec): Promise<ClientStatus> => {
      const configFile = spec.file(context.paths);
      const base = { client: spec.id, name: spec.name, installed: await isInstalled(spec, context.paths, hasProgram), configFile };
      try {
        const { text } = await readConfigFile(configFile);
        const entry = text === undefined ? undefined : editorFor(spec, configFile).read(text.replace(/^\uFEFF/, ''));
        return entry === undefined ? { ...base, connected: false } : { ...base, connected: true, transport: entryTransport(entry) };
      } catch (error) {
        if (!isClientsError(error)) throw error;
        return { ...base, connected: false, problem: error.message };
      }
    }),
  );
}

/**
 * Adds (or updates) the toolkit's entry in `client`'s config file. Refuses a
 * client that is not installed (no folder is created for it) and a file that
 * does not parse (left untouched). Writes nothing when the entry is already
 * as asked; otherwise backs the file up (first change only) and replaces it atomically.
 */
export async function connectClient(context: ClientsContext, client: string, options: ConnectOptions = {}): Promise<ClientChange> {
  const spec = specOf(client);
  const configFile = spec.file(context.paths);
  if (!(await isInstalled(spec, context.paths, context.hasProgram ?? programFinder(context.paths)))) {
    const where = [...spec.folders(context.paths), ...spec.programs.map((program) => `\`${program}\` on PATH`)].join(', ');
    throw new ClientsError('CLIENT_NOT_INSTALLED', `${spec.name} does not look installed (none of: ${where}); install it, or open it once, first`);
  }
  const config = await readConfigFile(configFile);
  const editor = editorFor(spec, configFile);
  const text = config.text ?? '';
  editor.read(text.replace(/^\uFEFF/, ''));
  const request = { launcher: context.launcher, mcpUrl: context.mcpUrl, auth: context.auth, http: options.http === true, allowKeyInFile: options.allowKeyInFile === true, keyFor: context.keyFor };
  const planned = await plannedEntry(spec, request, context.paths.platform);
  const next = editText(text, (body) => editor.set(body, planned));
  if (next === text && config.text !== undefined) return { client: spec.id, configFile, changed: false, keyInFile: planned.keyInFile };
  const backupFile = await backupOnce(config, (context.now ?? (() => new Date()))());
  await writeConfigFile(config, next);
  return { client: spec.id, configFile, changed: true, ...(backupFile === undefined ? {} : { backupFile }), keyInFile: planned.keyInFile };
}

/** Removes the toolkit's entry (and only it) from `client`'s config file; nothing is written when it is not there. */
export async function disconnectClient(context: Pick<ClientsContext, 'paths' | 'now'>, client: string): Promise<ClientChange> {
  const spec = specOf(client);
  const configFile = spec.file(context.paths);
  const config = await readConfigFile(configFile);
  const unchanged: ClientChange = { client: spec.id, configFile, changed: false, keyInFile: false };
  if (config.text === undefined) return unchanged;
  const editor = editorFor(spec, configFile);
  const next = editText(config.text, (body) => editor.remove(body));
  if (next === config.text) return unchanged;
  const backupFile = await backupOnce(config, (context.now ?? (() => new Date()))());
  await writeConfigFile(config, next);
  return { ...unchanged, changed: true, ...(backupFile === undefined ? {} : { backupFile }) };
}
