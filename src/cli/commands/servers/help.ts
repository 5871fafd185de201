/** `--help` of `mcp-toolkit servers` and of each of its subcommands. */

export const SERVERS_SUMMARY = 'Add, list and manage the MCP servers the gateway runs (upstreams)';

const ADD = `Usage:
  mcp-toolkit servers add NAME [--env KEY=VALUE]... [--cwd DIR] -- COMMAND [ARGS...]
  mcp-toolkit servers add NAME --url URL [--header "Name: value"]...
      [--client-id ID [--client-secret-stdin]] [--client-metadata-url URL]
      [--scope S] [--issuer URL]

Adds an MCP server the toolkit starts (stdio) or reaches (Streamable HTTP).
NAME: 1 to 32 lower-case letters, digits or "-". Refused: a NAME that exists,
a COMMAND not found on the server's PATH, a URL that is not http(s).

  --env KEY=VALUE  a variable for the server's environment (repeatable); names
                   that look secret (*KEY*, *TOKEN*, *SECRET*, *PASSWORD*) are
                   refused: use \`servers secret set NAME KEY\`
  --cwd DIR        the server's working folder
  --url URL        a remote server's Streamable HTTP endpoint
  --header "Name: value"
                   a header sent to a remote server (repeatable); a secret goes
                   in as a reference: --header 'Authorization: Bearer \${secret:TOKEN}'
                   then \`servers secret set NAME TOKEN\`

A remote server without an Authorization header may ask for an OAuth sign-in
(detected on first contact): sign in with \`servers login NAME\`. By default
the toolkit registers itself with the server's authorization server.
  --client-id ID   a client ID you registered there instead, with the
                   redirect URI http://127.0.0.1:8765/callback
  --client-secret-stdin
                   that client's secret, read from stdin (or a hidden prompt),
                   kept in the OS keychain as OAUTH_CLIENT_SECRET; never argv
  --client-metadata-url URL
                   a Client ID Metadata Document (https), used when the
                   authorization server supports them and no --client-id is set
  --scope S        scopes to ask for (space-separated); default: those the
                   server names
  --issuer URL     the authorization server's issuer: the sign-in goes there
                   only, whatever the server's metadata says (required with
                   --client-secret-stdin: the secret goes to no other server)

A running \`serve\` or desktop app starts it within 2 s.`;

const LIST = `Usage: mcp-toolkit servers list [--json]

Lists the servers: name, kind, enabled, state, tools, secrets (names only)
and command line or URL. The state and tools come from the running \`serve\`
or desktop app; when none runs, the state is "stopped" (or "disabled").

A remote server waiting for a sign-in shows "needs sign-in" (and why); a
signed-in one shows the account.

--json prints a stable array, one object per server:
  { "name", "kind": "stdio"|"http", "enabled", "state":
    "starting"|"running"|"crashed"|"disabled"|"stopped"|"needs-sign-in",
    "tools": number|null (null when no gateway runs), "toolNames"?: [..],
    "needsApproval", "secrets": [names], "target": command line or URL,
    "lastError"?: text, "signIn"?: { "state": "signed-in"|"needs-sign-in",
    "reason"?, "issuer"?, "subject"?, "scopes": [..], "expiresAt"?: ms,
    "wantedScope"? } }
No secret value and no token is ever printed.`;

const LOGIN = `Usage: mcp-toolkit servers login NAME [--scope S] [--timeout SECONDS]

Signs in to a remote server (the MCP authorization spec, OAuth with PKCE):
discovers its authorization server, registers the toolkit when needed, opens
the browser ($BROWSER when set, else xdg-open / open / start) and receives
the answer on 127.0.0.1. The tokens go to the OS keychain, never to a file;
the toolkit refreshes them and calls the server with them for every agent,
which never sees them. A running \`serve\` or desktop app starts the server
as soon as you are signed in.
Progress goes to stderr, with the link to open by hand if no browser opens;
nothing is printed on stdout. Ctrl-C cancels.
  --scope S          extra scopes to ask for (default: the one the server
                     last asked for, if any)
  --timeout SECONDS  how long to wait for the browser (default 300)
Exit codes: 0 signed in, 1 sign-in failed or cancelled, 2 bad usage.`;

const LOGOUT = `Usage: mcp-toolkit servers logout NAME

Signs out of a remote server: revokes its tokens where the server supports it
(RFC 7009), then deletes them from the OS keychain (and nothing else).`;

const REMOVE = `Usage: mcp-toolkit servers remove NAME

Removes the server from the settings and deletes its secrets from the OS keychain.`;

const ENABLE = `Usage: mcp-toolkit servers enable NAME | mcp-toolkit servers disable NAME

Switches a server on or off; a disabled one is kept but not started.`;

const TOOLS = `Usage: mcp-toolkit servers tools NAME [--enable TOOL]... [--disable TOOL]...

Without options, lists the server's tools: on or off, the name agents call it
by (NAME__tool, shortened or escaped when needed) and whether its definition
changed and needs approval (\`servers approve NAME\`).
When a \`serve\` or desktop app runs the server, its view is shown; otherwise
the server is started briefly to list its tools (its first list is recorded
as approved, as the gateway does) and stopped again.

  --enable TOOL   switch a tool on (repeatable)
  --disable TOOL  switch a tool off (repeatable); agents no longer see it`;

const APPROVE = `Usage: mcp-toolkit servers approve NAME

Accepts the server's changed (or new) tool definitions, which are withheld
from agents until approved (protection against tool poisoning).
When a \`serve\` or desktop app runs the server, the definitions it reports
as pending are approved and it serves them at once (it watches the approvals
file). Otherwise the server is started briefly, its current tools are
approved as they are, and it is stopped again.`;

const SECRET = `Usage:
  mcp-toolkit servers secret set NAME KEY
  mcp-toolkit servers secret remove NAME KEY

Keeps a secret for a server in the OS keychain (service "mcp-toolkit",
account "server:NAME:KEY"); settings.json holds only the name KEY.
A stdio server gets it as the environment variable KEY; a remote one uses it
in a header written as \${secret:KEY}.
The value is read from stdin (e.g. printf %s "$TOKEN" | mcp-toolkit servers
secret set github GITHUB_TOKEN), or typed at a hidden prompt on a terminal;
never from the command line.`;

const LOGS = `Usage: mcp-toolkit servers logs NAME [--lines N]

Prints the last N lines (default 50) of the server's error output, as kept
under the toolkit's state folder by the last run that started it.`;

const IMPORT = `Usage: mcp-toolkit servers import --from claude-desktop|claude-code|cursor|vscode|windsurf|FILE [--dry-run]

Adds the MCP servers configured in another client (its user-level config
file) or in a JSON FILE with "mcpServers" or "servers".
Names are made valid (and said so); a server whose name exists is skipped.
Literal values of env variables that look secret (*KEY*, *TOKEN*, *SECRET*,
*PASSWORD*) and secret header values move to the OS keychain; the report
names what moved (never a value).
  --dry-run  print the plan and change nothing`;

const SUBCOMMANDS: Record<string, string> = {
  add: ADD,
  list: LIST,
  remove: REMOVE,
  enable: ENABLE,
  disable: ENABLE,
  tools: TOOLS,
  approve: APPROVE,
  secret: SECRET,
  logs: LOGS,
  import: IMPORT,
  login: LOGIN,
  logout: LOGOUT,
};

export const SERVERS_HELP = `Usage: mcp-toolkit servers <subcommand> ...

The MCP servers the toolkit runs behind its auth, limits and Activity
(the gateway): each one's tools are served as NAME__tool.

  add NAME [--env KEY=VALUE]... [--cwd DIR] -- COMMAND [ARGS...]
  add NAME --url URL [--header "Name: value"]... [--client-id ID] [--scope S]
  list [--json]
  login NAME | logout NAME
  remove NAME
  enable NAME | disable NAME
  tools NAME [--enable TOOL]... [--disable TOOL]...
  secret set NAME KEY | secret remove NAME KEY
  approve NAME
  logs NAME [--lines N]
  import --from claude-desktop|claude-code|cursor|vscode|windsurf|FILE [--dry-run]

Run \`mcp-toolkit servers <subcommand> --help\` for one of them.
Changes apply to a running \`serve\` or desktop app within 2 s.`;

/** The help of the subcommand in `args` (the first word), else of `servers`. */
export function serversHelpFor(args: readonly string[]): string {
  const word = args.find((arg) => !arg.startsWith('-'));
  return (word !== undefined ? SUBCOMMANDS[word] : undefined) ?? SERVERS_HELP;
}
