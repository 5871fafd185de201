/**
 * The `agents.listClients` / `agents.connect` / `agents.disconnect` calls over
 * the clients core, with the context the CLI builds (`clients` command): the
 * user's folders, this installation's command, the server's URL and auth mode.
 * The UI never writes a key into a file: its `keyFor` refuses, and an HTTP
 * entry is offered only where the client has a secret-free way to send the key.
 */
import {
  CLIENTS,
  connectClient,
  disconnectClient,
  isClientsError,
  launcherFromStdio,
  listClients,
  plannedEntry,
  type ClientChange,
  type ClientsContext,
  type ClientSpec,
  type ClientStatus,
} from '../core/clients/index.js';
import type { PathContext } from '../core/config/index.js';
import type { AgentClientChange, AgentClientsUpdate, AgentClientView, HttpEntryOption } from '../shared/agent-clients-types.js';
import type { CallHandlers } from '../shared/contract.js';
import type { AuthMode, StdioCommand } from '../shared/view-types.js';
import { ControllerError } from './controller-error.js';

export type AgentClientsHandlers = Pick<CallHandlers, 'agents.listClients' | 'agents.connect' | 'agents.disconnect'>;

/** The host cannot say where the user's folders are (no `pathContext`). */
export const CLIENTS_UNAVAILABLE = 'CLIENTS_UNAVAILABLE';
/** Only the CLI writes a key into a client's file (`--allow-key-in-file`). */
export const KEY_IN_FILE_CLI_ONLY = 'KEY_IN_FILE_CLI_ONLY';

export interface AgentClientsDeps {
  readonly pathContext: PathContext | undefined;
  /** How agents run this app (`info.stdio`); the bridge entry runs the same program. */
  readonly stdio: StdioCommand;
  /** Where agents reach the server now and its auth mode (from the settings). */
  readonly endpoint: () => { readonly mcpUrl: string; readonly auth: AuthMode };
  readonly log: (line: string) => void;
  /** Whether a program is on PATH (detection); the path context's PATH by default. */
  readonly hasProgram?: ClientsContext['hasProgram'];
}

const refuseKey = async (): Promise<never> => {
  throw new ControllerError(KEY_IN_FILE_CLI_ONLY, 'The app never writes an API key into a client’s file; use the CLI with --allow-key-in-file if you accept that.');
};

function specOf(client: string): ClientSpec | undefined {
  return CLIENTS.find((spec) => spec.id === client);
}

/** What an HTTP entry would be for `spec` now, found by planning it (nothing is written, no key is read). */
async function httpOption(spec: ClientSpec, context: ClientsContext): Promise<HttpEntryOption> {
  const request = { launcher: context.launcher, mcpUrl: context.mcpUrl, auth: context.auth, http: true, allowKeyInFile: false, keyFor: refuseKey };
  try {
    const planned = await plannedEntry(spec, request, context.paths.platform);
    if (typeof planned.entry.headersHelper === 'string') {
      return { available: true, how: `${spec.name} runs \`mcp-toolkit keys show ${spec.id} --header-json\` (headersHelper) for the key; the key stays in the keychain.` };
    }
    if (planned.input) return { available: true, how: `${spec.name} asks for the key once (\`mcp-toolkit keys show ${spec.id}\`) and keeps it in its own secret storage.` };
    if (context.auth === 'oauth') return { available: true, how: `The URL alone: ${spec.name} signs in with OAuth by itself.` };
    return { available: true, how: 'The URL alone (authentication is off).' };
  } catch (error) {
    if (!isClientsError(error)) throw error;
    return { available: false, reason: httpRefusal(spec, error.code) };
  }
}

const HTTP_REFUSALS: readonly string[] = ['CLIENT_HTTP_UNSUPPORTED', 'CLIENT_OAUTH_UNSUPPORTED', 'CLIENT_KEY_IN_FILE'];

function httpRefusal(spec: ClientSpec, code: string): string {
  if (code === 'CLIENT_HTTP_UNSUPPORTED') return `${spec.name} reads only local (stdio) servers from its file: use the bridge.`;
  if (code === 'CLIENT_OAUTH_UNSUPPORTED') return `${spec.name} does not sign in with OAuth by itself: use the bridge.`;
  return (
    `${spec.name} cannot read the API key from outside its file, so an HTTP entry would hold the key in plain text. ` +
    `The app never writes a key into a file: use the bridge, or, if you accept the key in that file, run ` +
    `\`mcp-toolkit clients connect ${spec.id} --http --allow-key-in-file\`.`
  );
}

function changeView(change: ClientChange): AgentClientChange {
  return { client: change.client, configFile: change.configFile, changed: change.changed, ...(change.backupFile === undefined ? {} : { backupFile: change.backupFile }) };
}

export function createAgentClientsHandlers(deps: AgentClientsDeps): AgentClientsHandlers {
  function context(): ClientsContext {
    if (!deps.pathContext) throw new ControllerError(CLIENTS_UNAVAILABLE, 'This host cannot find the agent clients’ config files.');
    const { mcpUrl, auth } = deps.endpoint();
    return {
      paths: deps.pathContext,
      launcher: launcherFromStdio(deps.stdio),
      mcpUrl,
      auth,
      keyFor: refuseKey,
      ...(deps.hasProgram ? { hasProgram: deps.hasProgram } : {}),
    };
  }

  async function view(status: ClientStatus, current: ClientsContext): Promise<AgentClientView> {
    const spec = specOf(status.client) as ClientSpec;
    return { ...status, http: await httpOption(spec, current) };
  }

  async function list(current: ClientsContext): Promise<AgentClientView[]> {
    return Promise.all((await listClients(current)).map((status) => view(status, current)));
  }

  async function update(change: ClientChange, current: ClientsContext, verb: string): Promise<AgentClientsUpdate> {
    const backup = change.backupFile === undefined ? '' : ` (backup: ${change.backupFile})`;
    deps.log(`[clients] ${change.changed ? verb : `${verb}: unchanged`} ${change.client}: ${change.configFile}${backup}`);
    return { change: changeView(change), clients: await list(current) };
  }

  return {
    'agents.listClients': async () => list(context()),
    'agents.connect': async ({ client, http = false }) => {
      const current = context();
      const change = await connectClient(current, client, { http }).catch((error: unknown) => {
        // The core's refusals of an HTTP entry speak of CLI flags: say it in the UI's words, same code.
        const spec = specOf(client);
        if (!isClientsError(error) || !spec || !HTTP_REFUSALS.includes(error.code)) throw error;
        throw new ControllerError(error.code, httpRefusal(spec, error.code), undefined, { cause: error });
      });
      return update(change, current, 'connected');
    },
    'agents.disconnect': async ({ client }) => {
      const current = context();
      return update(await disconnectClient(current, client), current, 'disconnected');
    },
  };
}
