import { homedir } from 'node:os';
import { connectClient, disconnectClient, isClientsError, listClients, launcherFromStdio, type ClientChange, type ClientId, type ClientsContext, type ClientStatus } from '../../core/clients/index.js';
import { namedKeysIndexFile, processPathContext } from '../../core/config/index.js';
import { createKeychainStore } from '../../core/keychain/index.js';
import { createNamedKeys } from '../../core/keys/named-keys.js';
import { mcpUrlFor } from '../../shared/agent-snippets.js';
import { stdioCommandOf } from '../../core/stdio-command.js';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command.js';
import { loadConfig } from '../load-config.js';
import { CLIENTS_HELP, CLIENTS_SUMMARY, clientsHelpFor } from './clients/help.js';

export interface ClientsDeps {
  /** The API key written for `client` (only with `--http --allow-key-in-file`): its own named key. */
  readonly keyFor: (client: ClientId) => Promise<string>;
}

const defaultDeps: ClientsDeps = {
  // The agent's own named key (created on first use): only written into a file with --allow-key-in-file.
  keyFor: async (client) => createNamedKeys({ secrets: createKeychainStore(), indexFile: namedKeysIndexFile(processPathContext()) }).ensure(client),
};

/** The user's folders and this CLI's command; the server's URL and auth mode (from the settings) only for `--http`. */
async function clientsContext(io: CliIO, deps: ClientsDeps, needsServer: boolean): Promise<ClientsContext> {
  const paths = { platform: process.platform, env: io.env, homedir: io.env.HOME || io.env.USERPROFILE || homedir() };
  const config = needsServer ? await loadConfig(io) : undefined;
  return {
    paths,
    launcher: launcherFromStdio(stdioCommandOf(process)),
    mcpUrl: config === undefined ? '' : mcpUrlFor(config.host, config.port),
    auth: config?.auth ?? 'none',
    keyFor: deps.keyFor,
  };
}

function statusTable(statuses: readonly ClientStatus[]): string {
  const rows = [['CLIENT', 'INSTALLED', 'CONNECTED', 'CONFIG FILE'], ...statuses.map((s) => [s.client, s.installed ? 'yes' : 'no', s.connected ? (s.transport ?? 'yes') : '-', s.configFile])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  const lines = rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] as number) : cell)).join('  '));
  const problems = statuses.filter((s) => s.problem !== undefined).map((s) => `${s.client}: ${s.problem ?? ''}`);
  return [...lines, ...(problems.length > 0 ? ['', ...problems] : [])].join('\n') + '\n';
}

function describeChange(change: ClientChange, connecting: boolean): string {
  if (!change.changed) return `${change.client}: ${connecting ? 'already connected' : 'not connected'}; ${change.configFile} unchanged\n`;
  const backup = change.backupFile === undefined ? '' : ` (backup: ${change.backupFile})`;
  return `${connecting ? 'connected' : 'disconnected'} ${change.client}: ${change.configFile}${backup}\n`;
}

function oneClient(args: readonly string[], subcommand: string): string {
  if (args.length !== 1) throw new UsageError(`expected one CLIENT: mcp-toolkit clients ${subcommand} CLIENT (see \`mcp-toolkit clients list\`)`);
  return args[0] as string;
}

function onlyOptions(values: ParsedArgs['values'], subcommand: string, allowed: readonly string[]): void {
  const extra = Object.keys(values).filter((name) => values[name] !== undefined && !allowed.includes(name));
  if (extra.length > 0) throw new UsageError(`${subcommand} does not take --${extra.join(', --')}`);
}

async function run(io: CliIO, deps: ClientsDeps, word: string | undefined, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  switch (word) {
    case 'list': {
      onlyOptions(values, 'list', ['json']);
      if (args.length > 0) throw new UsageError('list takes no arguments');
      const statuses = await listClients(await clientsContext(io, deps, false));
      io.stdout.write(values.json === true ? `${JSON.stringify(statuses, null, 2)}\n` : statusTable(statuses));
      return 0;
    }
    case 'connect': {
      onlyOptions(values, 'connect', ['http', 'allow-key-in-file']);
      const client = oneClient(args, 'connect');
      const change = await connectClient(await clientsContext(io, deps, values.http === true), client, { http: values.http === true, allowKeyInFile: values['allow-key-in-file'] === true });
      io.stdout.write(describeChange(change, true));
      if (change.keyInFile) io.stderr.write(`mcp-toolkit clients: note: the API key is written in plain text in ${change.configFile}\n`);
      if (change.changed) io.stderr.write(`mcp-toolkit clients: restart ${client} (or reload its MCP servers) to use it\n`);
      return 0;
    }
    case 'disconnect': {
      onlyOptions(values, 'disconnect', []);
      const change = await disconnectClient(await clientsContext(io, deps, false), oneClient(args, 'disconnect'));
      io.stdout.write(describeChange(change, false));
      return 0;
    }
    default:
      throw new UsageError(`${word === undefined ? 'expected a subcommand' : `unknown subcommand "${word}"`}: list, connect, disconnect (see \`mcp-toolkit clients --help\`)`);
  }
}

/** `mcp-toolkit clients list | connect | disconnect`, with the key source injectable. */
export function createClientsCommand(deps: Partial<ClientsDeps> = {}): Command {
  const resolved: ClientsDeps = { ...defaultDeps, ...deps };
  return {
    name: 'clients',
    summary: CLIENTS_SUMMARY,
    help: CLIENTS_HELP,
    helpFor: clientsHelpFor,
    options: { json: { type: 'boolean' }, http: { type: 'boolean' }, 'allow-key-in-file': { type: 'boolean' } },
    allowPositionals: true,
    async run({ values, positionals }, io) {
      const [word, ...args] = positionals;
      try {
        return await run(io, resolved, word, args, values);
      } catch (error) {
        if (!isClientsError(error)) throw error;
        if (error.code === 'CLIENT_UNKNOWN') throw new UsageError(error.message);
        io.stderr.write(`mcp-toolkit clients: ${error.message}\n`);
        return 1;
      }
    },
  };
}

export const clientsCommand = createClientsCommand();
