/** `--help` of `mcp-toolkit clients` and of each of its subcommands. */
import { CLIENT_IDS } from '../../../core/clients/index.js';

export const CLIENTS_SUMMARY = 'List agent clients (Claude, VS Code, Cursor…) and connect the toolkit to them';

const IDS = CLIENT_IDS.join(', ');

const LIST = `Usage: mcp-toolkit clients list [--json]

Shows each supported agent client: whether it is installed (its config folder
or program found), its config file, and whether the toolkit is connected there
(an entry named "mcp-toolkit": the bridge, http, or other).

--json prints an array, one object per client:
  { "client", "name", "installed", "configFile", "connected",
    "transport"?: "bridge"|"http"|"other", "problem"?: text }`;

const CONNECT = `Usage: mcp-toolkit clients connect CLIENT [--http] [--allow-key-in-file]

Adds the toolkit to CLIENT's user config file (${IDS}).
By default the entry runs \`mcp-toolkit bridge --client CLIENT\`: a command,
no key and no environment variable in the file; the bridge reads the key named
CLIENT from the OS keychain when it runs.

  --http               a Streamable HTTP entry instead: Claude Code gets a
                       headersHelper (\`mcp-toolkit keys show CLIENT --header-json\`),
                       VS Code a password prompt; other clients would need the key
                       written into their file, which is refused unless
  --allow-key-in-file  is given too

Only the "mcp-toolkit" entry is added or changed: every other server, key and
comment stays as it was. The file is backed up beside itself
(<file>.mcp-toolkit-backup-<time>) before the toolkit first changes it.
Connecting again changes nothing. A file that does not parse is left untouched.
Restart the client (or reload its MCP servers) to pick the entry up.`;

const DISCONNECT = `Usage: mcp-toolkit clients disconnect CLIENT

Removes the "mcp-toolkit" entry (and only it) from CLIENT's config file.`;

export const CLIENTS_HELP = `Usage: mcp-toolkit clients <subcommand>

  list [--json]                                   installed clients and where the toolkit is connected
  connect CLIENT [--http] [--allow-key-in-file]   add the toolkit to CLIENT's config file
  disconnect CLIENT                               remove it again

Clients: ${IDS}.
Run \`mcp-toolkit clients <subcommand> --help\` for details.`;

const BY_SUBCOMMAND: Record<string, string> = { list: LIST, connect: CONNECT, disconnect: DISCONNECT };

export function clientsHelpFor(args: readonly string[]): string | undefined {
  const word = args.find((arg) => !arg.startsWith('-'));
  return word === undefined ? undefined : BY_SUBCOMMAND[word];
}
