/** `--help` of `mcp-toolkit keys` and of each of its subcommands. */

export const KEYS_SUMMARY = 'Create, list, show and revoke named API keys (one per agent)';

const CREATE = `Usage: mcp-toolkit keys create NAME

Creates the API key NAME, stores it in the OS keychain and prints it once on
stdout. NAME: 1 to 32 lower-case letters, digits or "-" (e.g. the agent's name:
cursor, claude-code). Refused when NAME exists. A running server accepts the
new key at once; requests with it show as NAME in Activity, /metrics and the
rate limiter (each key has its own bucket).`;

const LIST = `Usage: mcp-toolkit keys list [--json]

Lists the keys: name, when created, when last used (the server writes it at
most once a minute). Never prints a value.

--json prints an array: [{ "name", "createdAt": ISO 8601,
  "lastUsedAt": ISO 8601 | null }].`;

const SHOW = `Usage: mcp-toolkit keys show NAME [--header-json]

Prints the value of the key NAME from the OS keychain.
--header-json prints {"X-API-Key":"<value>"} instead, the form Claude Code's
headersHelper expects, so an agent's config holds a command, never the key.
NAME "env" is MCP_API_KEY when it is set.`;

const REVOKE = `Usage: mcp-toolkit keys revoke NAME

Deletes the key NAME (its value from the OS keychain, its name from the list).
A running server refuses it from its next request.`;

const SUBCOMMANDS: Record<string, string> = { create: CREATE, list: LIST, show: SHOW, revoke: REVOKE };

export const KEYS_HELP = `Usage: mcp-toolkit keys create NAME | list [--json] | show NAME [--header-json] | revoke NAME

One API key per agent, so each agent has its own rate-limit bucket and its own
rows in Activity and /metrics. In api_key mode the server accepts every key.

  create NAME   create a key and print it
  list          names, created, last used (never values)
  show NAME     print a key (--header-json: as {"X-API-Key": …})
  revoke NAME   delete a key; a running server refuses it at once

Values live in the OS keychain only (service "mcp-toolkit"); keys.json in the
settings folder holds names and dates. "default" is the key of
\`mcp-toolkit key show\` (the single key of earlier versions); "env" is
MCP_API_KEY when set (accepted, never stored). Run \`mcp-toolkit keys SUBCOMMAND --help\`.`;

export function keysHelpFor(args: readonly string[]): string {
  const word = args.find((arg) => !arg.startsWith('-'));
  return (word !== undefined ? SUBCOMMANDS[word] : undefined) ?? KEYS_HELP;
}
