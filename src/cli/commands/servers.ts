import { createKeychainStore } from '../../core/keychain/index.js';
import { openInSystemBrowser } from '../../core/login/index.js';
import { createHostUpstreamLogins } from '../../core/upstream-login/host-logins.js';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command.js';
import { readSecretValue } from '../read-secret.js';
import { createServersContext, guarded, type ServersContext, type ServersDeps } from './servers/context.js';
import { SERVERS_HELP, SERVERS_SUMMARY, serversHelpFor } from './servers/help.js';
import { importFromClient } from './servers/import.js';
import { listServers } from './servers/list.js';
import { loginServer, logoutServer } from './servers/login.js';
import { serverLogs } from './servers/logs.js';
import { addServer, enableServer, removeServer } from './servers/manage.js';
import { serverSecret } from './servers/secret.js';
import { approveServer, serverTools } from './servers/tools.js';

type Subcommand = (context: ServersContext, args: readonly string[], values: ParsedArgs['values']) => Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  add: addServer,
  list: listServers,
  remove: removeServer,
  enable: (context, args, values) => enableServer(context, args, values, true),
  disable: (context, args, values) => enableServer(context, args, values, false),
  tools: serverTools,
  approve: approveServer,
  secret: serverSecret,
  logs: serverLogs,
  import: importFromClient,
  login: loginServer,
  logout: logoutServer,
};

const defaultDeps: ServersDeps = {
  openStore: () => createKeychainStore(),
  readSecret: (prompt) => readSecretValue({ stdin: process.stdin, prompt: process.stderr }, prompt),
  openLogins: createHostUpstreamLogins,
  openUrl: (url, env) => openInSystemBrowser(url, env),
};

/** `mcp-toolkit servers …`, with the keychain and the secret input injectable for tests. */
export function createServersCommand(deps: Partial<ServersDeps> = {}): Command {
  const resolved: ServersDeps = { ...defaultDeps, ...deps };
  return {
    name: 'servers',
    summary: SERVERS_SUMMARY,
    help: SERVERS_HELP,
    helpFor: serversHelpFor,
    options: {
      env: { type: 'string', multiple: true },
      cwd: { type: 'string' },
      url: { type: 'string' },
      header: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      enable: { type: 'string', multiple: true },
      disable: { type: 'string', multiple: true },
      lines: { type: 'string' },
      from: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'client-id': { type: 'string' },
      'client-metadata-url': { type: 'string' },
      scope: { type: 'string' },
      issuer: { type: 'string' },
      'client-secret-stdin': { type: 'boolean' },
      timeout: { type: 'string' },
    },
    allowPositionals: true,
    async run({ values, positionals }, io: CliIO) {
      const [word, ...args] = positionals;
      const subcommand = word === undefined ? undefined : SUBCOMMANDS[word];
      if (subcommand === undefined) {
        throw new UsageError(`${word === undefined ? 'expected a subcommand' : `unknown subcommand "${word}"`}: ${Object.keys(SUBCOMMANDS).join(', ')} (see \`mcp-toolkit servers --help\`)`);
      }
      const context = await createServersContext(io, resolved);
      return guarded(io, () => subcommand(context, args, values));
    },
  };
}

export const serversCommand = createServersCommand();
