import type { GatewayState } from '../../../core/gateway/gateway-state-file.js';
import { upstreamTarget } from '../../../core/gateway/upstream-target.js';
import type { UpstreamSettings, UpstreamSignInView, UpstreamState } from '../../../shared/gateway-types.js';
import type { ParsedArgs } from '../../command.js';
import { expectArgs, onlyOptions, type ServersContext } from './context.js';

/** One server as `servers list --json` prints it (stable; documented in the README and `--help`). */
export interface ServerListEntry {
  readonly name: string;
  readonly kind: 'stdio' | 'http';
  readonly enabled: boolean;
  readonly state: UpstreamState;
  /** How many tools it has, from the running gateway; null when no gateway runs it. */
  readonly tools: number | null;
  readonly toolNames?: readonly string[];
  readonly needsApproval: boolean;
  /** Names of its secrets (never values). */
  readonly secrets: readonly string[];
  /** Its command line or URL. */
  readonly target: string;
  readonly lastError?: string;
  /** A remote server's sign-in (from the running gateway, else the index of sign-ins) (account, issuer, scopes, expiry; never a token). */
  readonly signIn?: UpstreamSignInView;
}

/**
 * The saved servers joined with what the running gateway (if any) says of
 * each; a server no gateway runs shows the sign-in the toolkit holds for it
 * (`held`, from the index of sign-ins).
 */
export function listEntries(
  servers: readonly UpstreamSettings[],
  gateway: GatewayState | undefined,
  held: ReadonlyMap<string, UpstreamSignInView> = new Map(),
): ServerListEntry[] {
  return servers.map((server) => {
    const view = gateway?.servers.find((v) => v.name === server.name);
    const tail = { secrets: [...server.secrets], target: upstreamTarget(server) };
    const head = { name: server.name, kind: server.kind, enabled: server.enabled };
    if (view === undefined) {
      const signIn = held.get(server.name);
      return { ...head, state: server.enabled ? 'stopped' : 'disabled', tools: null, needsApproval: false, ...tail, ...(signIn !== undefined ? { signIn } : {}) };
    }
    return {
      ...head,
      state: view.state,
      tools: view.tools.length,
      toolNames: view.tools.map((tool) => tool.name),
      needsApproval: view.needsApproval,
      ...tail,
      ...(view.lastError !== undefined ? { lastError: view.lastError } : {}),
      ...(view.signIn !== undefined ? { signIn: view.signIn } : {}),
    };
  });
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n');
}

/** The STATE cell: `needs sign-in` in words, the approval and the account when there are. */
function stateCell(entry: ServerListEntry): string {
  const parts = [entry.state === 'needs-sign-in' ? 'needs sign-in' : entry.state];
  if (entry.needsApproval) parts.push('needs approval');
  if (entry.signIn?.state === 'signed-in') parts.push(entry.signIn.subject !== undefined ? `signed in as ${entry.signIn.subject}` : 'signed in');
  return parts.join(', ');
}

export function humanList(entries: readonly ServerListEntry[]): string {
  if (entries.length === 0) return 'no servers yet: add one with `mcp-toolkit servers add NAME -- COMMAND [ARGS...]` or `servers import --from CLIENT`\n';
  const rows = entries.map((e) => [
    e.name,
    e.kind,
    e.enabled ? 'yes' : 'no',
    stateCell(e),
    e.tools === null ? '-' : String(e.tools),
    e.secrets.length > 0 ? e.secrets.join(',') : '-',
    e.target,
  ]);
  const errors = entries.filter((e) => e.lastError !== undefined).map((e) => `${e.name}: ${e.lastError}`);
  return `${table([['NAME', 'KIND', 'ENABLED', 'STATE', 'TOOLS', 'SECRETS', 'TARGET'], ...rows])}\n${errors.map((line) => `${line}\n`).join('')}`;
}

/** The sign-ins held for the remote servers no gateway runs now (read from the index, never the keychain's tokens). */
async function heldSignIns(context: ServersContext, servers: readonly UpstreamSettings[], gateway: GatewayState | undefined): Promise<Map<string, UpstreamSignInView>> {
  const running = new Set(gateway?.servers.map((view) => view.name));
  const remote = servers.filter((server) => server.kind === 'http' && !running.has(server.name));
  const logins = remote.length > 0 ? context.logins() : undefined;
  if (logins === undefined) return new Map();
  const views = await Promise.all(remote.map(async (server) => [server.name, await logins.view(server.name)] as const));
  return new Map(views.filter((entry): entry is readonly [string, UpstreamSignInView] => entry[1] !== undefined));
}

export async function listServers(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'list', ['json']);
  expectArgs(args, 0, 'no arguments: servers list [--json]');
  const servers = await context.manager.list();
  const gateway = await context.gateway();
  const entries = listEntries(servers, gateway, await heldSignIns(context, servers, gateway));
  context.io.stdout.write(values.json === true ? `${JSON.stringify(entries, null, 2)}\n` : humanList(entries));
  return 0;
}
